import { render } from 'preact';
import './styles.css';
import { registerMessages } from './i18n';
import { shellMessages } from './shell/messages';
import { errorMessages } from './shell/errorMessages';
import { App } from './shell/App';
import { worklist } from './worklist';
import { intake } from './intake';
import { tracking } from './tracking';
import { modeler } from './modeler';
import { history } from './history';
import { dashboard } from './dashboard';
import { recap } from './recap';
import { kinerja } from './kinerja';
import { admin } from './admin';
import { inbox } from './inbox';
import { can, type Me } from './session';

registerMessages(shellMessages);
registerMessages(errorMessages);

const features = [worklist, intake, tracking, modeler, history, dashboard, recap, kinerja, admin, inbox];

/** Where a user lands after signing in: the screen of their main job. */
function home(user: Me): string {
  if (can.deploy(user) && !user.roles.some((r) => r !== 'pemilik-proses' && r !== 'admin-sistem')) return '/proses';
  if (user.roles.length === 1 && user.roles[0] === 'auditor') return '/riwayat';
  return '/tugas';
}

render(<App features={features} home={home} />, document.getElementById('app')!);

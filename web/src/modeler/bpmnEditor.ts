import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import lintModule from 'bpmn-js-bpmnlint';
import lintConfig from '../../../.bpmnlintrc';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
// After the packages' styles, so ours (in modeler.css) win.
import './viewerStyles';
import { SopPropertiesModule, type SopPanelOptions } from './sopProperties';
import { TranslateModule } from './bpmnTranslations';
import { withSupportTable } from './supportTableRule';
import { lang } from '../i18n';

export type { Modeler };

/** Lint issues per element id, as bpmn-js-bpmnlint reports them. */
export type LintIssues = Record<string, { category: string; message: string; id: string }[]>;

export function createModeler(canvas: HTMLElement, panel: HTMLElement, sop: SopPanelOptions): Modeler {
  return new Modeler({
    container: canvas,
    propertiesPanel: { parent: panel },
    linting: { bpmnlint: withSupportTable(lintConfig, () => lang.get()), active: true },
    sopLapor: sop,
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaBehaviorsModule,
      lintModule,
      SopPropertiesModule,
      TranslateModule,
    ],
    moddleExtensions: { camunda: camundaModdle },
  } as ConstructorParameters<typeof Modeler>[0]);
}

/** Every issue counted once, errors and warnings apart. */
export function countIssues(issues: LintIssues): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const list of Object.values(issues)) {
    for (const issue of list) {
      if (issue.category === 'error') errors++;
      else warnings++;
    }
  }
  return { errors, warnings };
}

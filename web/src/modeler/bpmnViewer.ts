import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import './viewerStyles';

export type { NavigatedViewer };

/** Read-only diagram with pan and zoom; the camunda extension makes `candidateGroups` etc. properties. */
export function createViewer(canvas: HTMLElement): NavigatedViewer {
  return new NavigatedViewer({ container: canvas, moddleExtensions: { camunda: camundaModdle } });
}

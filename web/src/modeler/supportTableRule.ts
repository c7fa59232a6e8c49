import { supportProblems, type ModdleNode } from '../../../src/contract/bpmnSupport';
import { expressionProblems } from '../../../src/engine/expressions';

/**
 * A bpmnlint rule over the server's support table: the modeler marks, with the deployment's own
 * words, every element and attribute that deploying would refuse.
 */

export const SUPPORT_RULE = { pkg: 'bpmnlint-plugin-lapor', name: 'support-table', configName: 'lapor/support-table' };

interface Reporter {
  report(id: string, message: string): void;
}

export function supportTableRule(): { check(node: ModdleNode, reporter: Reporter): void } {
  return {
    check(node, reporter) {
      // The table is checked once per diagram, from its root; bpmnlint visits every node.
      if (node.$type !== 'bpmn:Definitions') return;
      for (const problem of supportProblems(node, expressionProblems)) reporter.report(problem.elementId ?? String(node.id ?? ''), problem.message);
    },
  };
}

interface LintBundle {
  config: { rules?: Record<string, unknown> };
  resolver: { resolveRule(pkg: string, ruleName: string): unknown; resolveConfig(pkg: string, configName: string): unknown };
}

/** The bundle compiled from .bpmnlintrc, with the support-table rule added as an error. */
export function withSupportTable(bundle: unknown): LintBundle {
  const base = bundle as LintBundle;
  return {
    ...base,
    config: { ...base.config, rules: { ...base.config.rules, [SUPPORT_RULE.configName]: 'error' } },
    resolver: {
      resolveRule: (pkg, ruleName) =>
        pkg === SUPPORT_RULE.pkg && ruleName === SUPPORT_RULE.name ? supportTableRule : base.resolver.resolveRule(pkg, ruleName),
      resolveConfig: (pkg, configName) => base.resolver.resolveConfig(pkg, configName),
    },
  };
}

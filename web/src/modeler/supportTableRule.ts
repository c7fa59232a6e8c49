import { supportProblems, type ModdleNode } from '../../../src/contract/bpmnSupport';
import { expressionProblems } from '../../../src/engine/expressions';
import { LATE_TIMER_RULE, lateTimerRule } from './lateTimerRule';

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

/**
 * The bundle compiled from .bpmnlintrc, with our rules added: the support table as an error, a
 * late timer that disagrees with its task's due date as a warning (it deploys, but tells late).
 */
export function withSupportTable(bundle: unknown): LintBundle {
  const base = bundle as LintBundle;
  const ours: Record<string, unknown> = { [SUPPORT_RULE.name]: supportTableRule, [LATE_TIMER_RULE.name]: lateTimerRule };
  return {
    ...base,
    config: { ...base.config, rules: { ...base.config.rules, [SUPPORT_RULE.configName]: 'error', [LATE_TIMER_RULE.configName]: 'warn' } },
    resolver: {
      resolveRule: (pkg, ruleName) =>
        pkg === SUPPORT_RULE.pkg && Object.hasOwn(ours, ruleName) ? ours[ruleName] : base.resolver.resolveRule(pkg, ruleName),
      resolveConfig: (pkg, configName) => base.resolver.resolveConfig(pkg, configName),
    },
  };
}

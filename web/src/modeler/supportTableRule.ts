import { supportProblems, type ModdleNode } from '../../../src/contract/bpmnSupport';
import { expressionProblems } from '../../../src/engine/expressions';
import { LATE_TIMER_RULE, lateTimerRule } from './lateTimerRule';
import { describeSupportProblem } from './supportMessages';

/**
 * A bpmnlint rule over the server's support table: the modeler marks every element and attribute
 * that deploying would refuse, in Indonesian (supportMessages.ts) or, with English chosen, in the
 * deployment's own words.
 */

export const SUPPORT_RULE = { pkg: 'bpmnlint-plugin-lapor', name: 'support-table', configName: 'lapor/support-table' };

interface Reporter {
  report(id: string, message: string): void;
}

type Language = 'id' | 'en';

/** The rule, its messages in `language` (read at each check, so switching the language needs no new modeler). */
export function supportTableRule(language: () => Language = () => 'en'): () => { check(node: ModdleNode, reporter: Reporter): void } {
  return () => ({
    check(node, reporter) {
      // The table is checked once per diagram, from its root; bpmnlint visits every node.
      if (node.$type !== 'bpmn:Definitions') return;
      for (const problem of supportProblems(node, expressionProblems)) {
        reporter.report(problem.elementId ?? String(node.id ?? ''), describeSupportProblem(problem.message, language()));
      }
    },
  });
}

interface LintBundle {
  config: { rules?: Record<string, unknown> };
  resolver: { resolveRule(pkg: string, ruleName: string): unknown; resolveConfig(pkg: string, configName: string): unknown };
}

/**
 * The bundle compiled from .bpmnlintrc, with our rules added: the support table as an error, a
 * late timer that disagrees with its task's due date as a warning (it deploys, but tells late).
 */
export function withSupportTable(bundle: unknown, language: () => Language = () => 'en'): LintBundle {
  const base = bundle as LintBundle;
  const rule = supportTableRule(language);
  const ours: Record<string, unknown> = { [SUPPORT_RULE.name]: rule, [LATE_TIMER_RULE.name]: lateTimerRule(language) };
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

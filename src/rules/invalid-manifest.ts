import { createRule } from './rule.js';

export default createRule({
  meta: {
    id: 'invalid-manifest',
    description: 'app.json is not valid JSON or has fields of the wrong type, or another JSON config of the mini-app does not parse.',
    rationale:
      'A malformed manifest stops the project from compiling, or silently drops declarations such as ' +
      '"requiredPrivateInfos" and "permission" that privacy checks depend on. minivet reads what it can and ' +
      'reports each problem at its position.',
    severity: 'error',
    tags: ['manifest', 'correctness'],
    cwe: [],
    precision: 'very-high',
    securitySeverity: 2.0,
  },
  checkProject({ facts, report }) {
    for (const problem of [...(facts.manifest?.problems ?? []), ...(facts.configProblems ?? [])]) {
      report({ location: { file: problem.file, region: problem.region }, message: problem.message });
    }
  },
});

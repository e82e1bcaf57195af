import { FAMILIES, parseLabelFamily } from './families.mjs';

/** The policy's matching rule: same app and file, line within this distance. */
export const LINE_TOLERANCE = 3;

function near(place, label) {
  return place.file === label.file && Math.abs(place.line - label.line) <= LINE_TOLERANCE;
}

/**
 * Scores findings against labels, per family. A finding matches a label of its family at its own
 * location or, for a data-flow finding, at its source or a related location. A finding that matches
 * only ambiguous labels counts neither way; so does an ambiguous label.
 * findings: [{ app, family, file, line, places: [{file, line}], ruleId, message }]
 * labels:   [{ app, family, file, line, note }]
 */
export function score(findings, labels, families = FAMILIES) {
  const byApp = new Map();
  for (const label of labels) {
    const { family, ambiguous } = parseLabelFamily(label.family);
    const entry = { ...label, family, ambiguous, matched: false };
    const key = `${label.app}\0${family}`;
    if (!byApp.has(key)) byApp.set(key, []);
    byApp.get(key).push(entry);
  }
  const results = Object.fromEntries(families.map((family) => [family, { labels: 0, matchedLabels: 0, findings: 0, matchedFindings: 0, ambiguousFindings: 0, falsePositives: [], misses: [] }]));
  for (const finding of findings) {
    const row = results[finding.family];
    if (!row) continue;
    const candidates = byApp.get(`${finding.app}\0${finding.family}`) ?? [];
    const hits = candidates.filter((label) => finding.places.some((place) => near(place, label)));
    for (const label of hits) label.matched = true;
    if (hits.some((label) => !label.ambiguous)) {
      row.findings++;
      row.matchedFindings++;
    } else if (hits.length > 0) {
      row.ambiguousFindings++;
    } else {
      row.findings++;
      row.falsePositives.push(finding);
    }
  }
  for (const entries of byApp.values()) {
    for (const label of entries) {
      const row = results[label.family];
      if (!row || label.ambiguous) continue;
      row.labels++;
      if (label.matched) row.matchedLabels++;
      else row.misses.push(label);
    }
  }
  for (const row of Object.values(results)) {
    row.precision = row.findings === 0 ? null : row.matchedFindings / row.findings;
    row.recall = row.labels === 0 ? null : row.matchedLabels / row.labels;
  }
  return results;
}

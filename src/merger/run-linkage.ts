/**
 * @module merger/run-linkage
 * What the merge service needs from the linkage, in the service's terms: pairs to merge, pairs to
 * review, a field-by-field explanation of any pair (stored with each review item), and a summary
 * for the run's report. The default linker is the Fellegi-Sunter linkage of `linkage/`; tests
 * inject their own.
 */
import type { JsonObject, JsonValue } from '../db/schema.js';
import type { LegacyRecord } from './legacy-record.js';
import type { ScoreExplanation } from './linkage/explain-score.js';
import { type LinkOptions, linkRecords } from './linkage/link-records.js';

/** Two records (indexes into the imported records) with the linkage's verdict. */
export interface LinkPair {
  a: number;
  b: number;
  /** Match weight: the sum of the field weights log2(m/u). */
  score: number;
  /** Posterior match probability. */
  probability: number;
}

export interface LinkOutcome {
  /** Pairs at or above the auto-merge threshold (and not refused for conflicting IDs). */
  autoPairs: LinkPair[];
  /** Pairs a clerk must decide. */
  reviewPairs: LinkPair[];
  /** Field-by-field evidence for a pair, as stored with a review item. */
  explain(a: number, b: number): JsonValue[];
  summary: JsonObject;
}

export function runLinkage(records: readonly LegacyRecord[], options: LinkOptions = {}): LinkOutcome {
  const result = linkRecords(records, { ...options, explainReviewPairs: 0 });
  const autoPairs: LinkPair[] = new Array(result.autoPairs.count);
  for (let k = 0; k < result.autoPairs.count; k++) {
    autoPairs[k] = {
      a: result.autoPairs.left[k]!,
      b: result.autoPairs.right[k]!,
      score: result.autoPairs.weight[k]!,
      probability: result.autoPairs.probability[k]!,
    };
  }
  const review = result.reviewPairs;
  const reviewPairs: LinkPair[] = [];
  for (let k = 0; k < review.count; k++) {
    // Pairs that auto merges already put in one cluster need no question.
    if (review.sameCluster[k]) continue;
    reviewPairs.push({
      a: review.left[k]!,
      b: review.right[k]!,
      score: review.weight[k]!,
      probability: review.probability[k]!,
    });
  }
  const { stats, model } = result;
  return {
    autoPairs,
    reviewPairs,
    explain: (a, b) => evidence(result.explain(a, b)),
    summary: {
      method: 'Fellegi-Sunter, m/u by EM',
      candidate_pairs: stats.candidatePairs,
      skipped_blocks: stats.skippedBlocks,
      skipped_pairs: stats.skippedPairs,
      auto_pairs: stats.autoPairs,
      review_pairs: stats.reviewPairs,
      refused_pairs: stats.refusedPairs,
      lambda: model.lambda,
      em_iterations: model.iterations,
      em_converged: model.converged,
      blocking: stats.blocking.map((b) => ({ ...b }) as unknown as JsonObject),
      timings_ms: { ...stats.timingsMs },
    },
  };
}

/** The explanation as stored in `link_review.evidence`. */
function evidence(explanation: ScoreExplanation): JsonValue[] {
  return explanation.fields.map((f) => ({
    field: f.field,
    a: f.left,
    b: f.right,
    level: f.levelName,
    m: f.m,
    u: f.u,
    weight: Math.round(f.weight * 1000) / 1000,
  }));
}

/**
 * Names of the generated Prometheus series, Sloth-style `level:metric:operation` (Prometheus recording
 * rule naming convention), all under the `slo:` level and all carrying the labels slo_id, service and slo.
 *
 * - slo:sli_good:increase5m / slo:sli_total:increase5m: good and total events in the last 5 m, straight
 *   from the raw counters. Every longer window is a sum_over_time of these, so long windows stay
 *   traffic-weighted (Σbad / Σtotal) and cheap (Pyrra #1440, Sloth #332).
 * - slo:sli_error:ratio_rate<w>: error ratio (bad / total) over w = 5m, 30m, 1h, 2h, 6h, 1d, 3d and the SLO
 *   window (e.g. 30d, 28d; calendar windows use their nominal 30d / 7d).
 * - slo:objective:ratio and slo:error_budget_remaining:ratio (1 − ratio over the SLO window / budget).
 */
export const GOOD_INCREASE_5M = "slo:sli_good:increase5m";
export const TOTAL_INCREASE_5M = "slo:sli_total:increase5m";
export const OBJECTIVE_METRIC = "slo:objective:ratio";
export const BUDGET_REMAINING_METRIC = "slo:error_budget_remaining:ratio";
/** Alert name shared by the four tiers; the `tier` and `severity` labels tell them apart. */
export const SLO_ALERT_NAME = "SloErrorBudgetBurn";

/** `slo:sli_error:ratio_rate<range>`, e.g. errorRatioMetric("1h") → "slo:sli_error:ratio_rate1h". */
export const errorRatioMetric = (range: string): string => `slo:sli_error:ratio_rate${range}`;

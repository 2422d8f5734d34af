import Foundation
import Storage
import WebhookCore

/// The JSON of a webhook's delivery statistics (openapi.yaml, `WebhookStatistics`).
enum StatisticsRepresentation {
    static func json(_ statistics: DeliveryStatistics, window: StatisticsWindow, now: Date) -> JSON.Value {
        let health = statistics.health
        return .object([
            ("window", .string(window.rawValue)),
            ("from", .date(window.range(now: now).start)),
            ("to", .date(now)),
            ("bucketSeconds", .int(window.bucketSeconds)),
            ("buckets", .array(statistics.buckets.map { bucket in
                .object([("start", .date(bucket.start))] + members(bucket.figures))
            })),
            ("totals", .object(members(statistics.totals))),
            ("health", .object([
                ("since", .date(health.since)),
                ("succeeded", .int(health.succeeded)),
                ("failed", .int(health.failed)),
                ("successRate", rate(health.successRate)),
                ("lastAttempt", health.lastAttempt.map { attempt in
                    .object([
                        ("at", .date(attempt.startedAt)),
                        ("succeeded", .bool(attempt.succeeded)),
                        ("statusCode", .int(attempt.statusCode)),
                        ("error", .string(attempt.error)),
                        ("durationMs", .int(attempt.durationMs)),
                    ])
                } ?? .null),
            ])),
        ])
    }

    /// A success rate rounded to 4 decimals, or null.
    static func rate(_ rate: Double?) -> JSON.Value {
        rate.map { .double(($0 * 10_000).rounded() / 10_000) } ?? .null
    }

    /// The members of `DeliveryFigures`: deliveries by outcome, attempts and latency.
    static func members(_ figures: DeliveryStatistics.Figures) -> [(String, JSON.Value)] {
        [
            ("deliveries", .object([
                ("succeeded", .int(figures.succeeded)),
                ("failed", .int(figures.failed)),
                ("retrying", .int(figures.retrying)),
                ("pending", .int(figures.pending)),
            ])),
            ("attempts", .int(figures.attempts)),
            ("latencyMs", .object([
                ("p50", .int(figures.latencyP50Ms)),
                ("p95", .int(figures.latencyP95Ms)),
                ("max", .int(figures.latencyMaxMs)),
            ])),
        ]
    }
}

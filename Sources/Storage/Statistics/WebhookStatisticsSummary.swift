public import Foundation

/// One webhook's figures over a statistics window, as the batch statistics route lists them for the webhooks list's
/// health badges: its deliveries by outcome and its attempts' latency, without buckets.
public struct WebhookStatisticsSummary: Sendable, Equatable {
    /// The webhook.
    public var webhookId: UUID
    /// The window's deliveries by outcome and attempts (the same figures as the per-webhook route's totals).
    public var figures: DeliveryStatistics.Figures

    /// Creates a summary.
    public init(webhookId: UUID, figures: DeliveryStatistics.Figures) {
        self.webhookId = webhookId
        self.figures = figures
    }

    /// `succeeded / (succeeded + failed)` of the window's deliveries, or `nil` when none has settled.
    public var successRate: Double? {
        figures.succeeded + figures.failed == 0 ? nil
            : Double(figures.succeeded) / Double(figures.succeeded + figures.failed)
    }
}

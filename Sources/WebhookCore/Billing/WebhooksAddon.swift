/// The Webhooks add-on: $59 a month or $468 a year, turning on the `webhooks` feature on any plan.
public struct WebhooksAddon: Sendable, Equatable {
    /// The add-on's billing state as the billing provider reports it.
    public enum Status: String, Sendable, CaseIterable, Codable {
        case none
        case active
        case pastDue = "past_due"
        case canceled
    }

    /// How often the add-on is billed.
    public enum Interval: String, Sendable, CaseIterable, Codable {
        case month
        case year

        /// The price in US cents for one period.
        public var priceCents: Int {
            switch self {
            case .month: 5_900
            case .year: 46_800
            }
        }
    }

    /// The billing state.
    public var status: Status
    /// The billing interval, when the add-on was ever bought.
    public var interval: Interval?

    /// Creates an add-on state.
    public init(status: Status, interval: Interval?) {
        self.status = status
        self.interval = interval
    }

    /// Whether the add-on currently grants the feature.
    public var isActive: Bool { status == .active }
}

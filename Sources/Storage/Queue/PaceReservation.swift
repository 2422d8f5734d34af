public import Foundation

/// The start times one claim reserved for a rate-limited webhook (`webhook_pace`): `count` starts, one every
/// `1 / rate` seconds from `firstDelay` seconds after the reservation. Other dispatchers' reservations for the
/// webhook lie before or after it, never inside, so the webhook's rate holds across processes.
public struct PaceReservation: Sendable, Equatable {
    /// Seconds from the reservation (the database's clock when it was made) to the first start.
    public let firstDelay: Double
    /// How many starts were reserved.
    public let count: Int
    /// The webhook's requests per second.
    public let rate: Int

    /// A reservation of `count` starts at `rate` per second from `firstDelay` seconds on.
    public init(firstDelay: Double, count: Int, rate: Int) {
        self.firstDelay = max(0, firstDelay)
        self.count = max(0, count)
        self.rate = max(1, rate)
    }

    /// The `index`th start (from 0), in seconds after the reservation, or `nil` past the reserved ones.
    public func start(_ index: Int) -> Double? {
        guard index >= 0, index < count else { return nil }
        return firstDelay + Double(index) / Double(rate)
    }

    /// How many starts fit when the first may be at `firstDelay` and the last no later than `horizon` seconds after
    /// the reservation, for up to `wanted` deliveries: the arithmetic the claim's reservation statement does.
    public static func fitting(wanted: Int, rate: Int, firstDelay: Double, horizon: Double) -> Int {
        guard wanted > 0, horizon >= firstDelay else { return 0 }
        let gaps = ((horizon - firstDelay) * Double(max(1, rate)) + 1e-9).rounded(.down)
        return min(wanted, Int(min(gaps, Double(Int32.max))) + 1)
    }

    /// Gives each rate-limited delivery of `claimed` its reserved start, in the order given (the order the
    /// dispatcher queues them in), from `reservations` by webhook; deliveries beyond their webhook's reservation
    /// (or of a webhook without one) get none.
    public static func assign(_ reservations: [UUID: PaceReservation], to claimed: [ClaimedDelivery]) -> [ClaimedDelivery] {
        var taken: [UUID: Int] = [:]
        return claimed.map { delivery in
            guard delivery.rateLimit != nil else { return delivery }
            var delivery = delivery
            let index = taken[delivery.webhookId, default: 0]
            taken[delivery.webhookId] = index + 1
            delivery.reservedStart = reservations[delivery.webhookId]?.start(index)
            return delivery
        }
    }
}

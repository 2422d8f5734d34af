import Foundation
import Storage

/// One webhook's share of a dispatcher: its claimed deliveries waiting for a slot (first in, first out), how many
/// of its requests are on the wire, its `maxConcurrency`, and how long its requests have been taking.
///
/// A class, so the dispatcher mutates lanes in its dictionary in place without copying their queues.
final class WebhookLane {
    /// Requests on the wire now.
    var inFlight = 0
    /// The most requests allowed on the wire at once (the webhook's `maxConcurrency` as of its latest claim).
    var maxConcurrency = 1
    /// When a delivery of this webhook was last claimed or finished, for forgetting idle lanes.
    var lastActivity: ContinuousClock.Instant
    /// The webhook's `rateLimit` as start times, or `nil` without one: keeps this process's own starts apart.
    var pace: Pace<ContinuousClock.Instant>?
    /// The start times claims reserved for this webhook across every dispatcher (`webhook_pace`), soonest first:
    /// a paced lane starts a request only when the first of them has come, and uses it up.
    private(set) var reservedStarts: [ContinuousClock.Instant] = []
    /// The pause its receiver asked for (429, 502, 503, 504): nothing starts while it runs.
    var throttle = ThrottlePause<ContinuousClock.Instant>()
    /// After a `410 Gone`, until the disable is written and claims stop returning the webhook: nothing is admitted
    /// or started before this instant.
    var goneUntil: ContinuousClock.Instant?
    /// A moving average of this webhook's request durations; `nil` until one finished.
    private(set) var averageDuration: Duration?
    private var waiting: [ClaimedDelivery] = []
    private var head = 0

    /// What a request is assumed to take before one has finished.
    static let assumedDuration: Duration = .milliseconds(100)
    /// The most rounds of `maxConcurrency` requests a lane may hold, however fast its receiver.
    static let maximumRounds = 1_000

    init(now: ContinuousClock.Instant) {
        lastActivity = now
    }

    /// Deliveries waiting for a slot.
    var waitingCount: Int { waiting.count - head }

    /// Whether another request may start now.
    var hasFreeSlot: Bool { inFlight < maxConcurrency }

    /// Whether nothing may start at `now`: the pace's next turn has not come, or the receiver's signals hold
    /// sending back (a slow-down pause, or a `410 Gone`).
    func isHeldBack(at now: ContinuousClock.Instant) -> Bool {
        !(pace?.mayStart(at: now) ?? true) || !reservedStartHasCome(at: now) || throttle.isPaused(at: now)
            || goneUntil.map { now < $0 } ?? false
    }

    /// When a held-back lane may start sending again, if it is held back at `now` (and, for a paced lane, has a
    /// reserved start left).
    func resumesAt(after now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        guard isHeldBack(at: now) else { return nil }
        if pace != nil && reservedStarts.isEmpty { return nil }
        return max(throttle.until ?? now, goneUntil ?? now, pace?.nextStart ?? now, nextReservedStart ?? now)
    }

    /// The soonest reserved start, less the pace's tolerance (as for the pace's own turns).
    private var nextReservedStart: ContinuousClock.Instant? {
        guard let pace, let first = reservedStarts.first else { return nil }
        return first.advanced(by: .zero - pace.tolerance)
    }

    /// Whether a paced lane holds a reserved start that has come (always, for a lane without a pace).
    private func reservedStartHasCome(at now: ContinuousClock.Instant) -> Bool {
        guard pace != nil else { return true }
        return nextReservedStart.map { now >= $0 } ?? false
    }

    /// Keeps a start time a claim reserved for this webhook.
    func reserve(_ start: ContinuousClock.Instant) {
        if let last = reservedStarts.last, start < last {
            reservedStarts.insert(start, at: reservedStarts.firstIndex { $0 > start } ?? reservedStarts.endIndex)
        } else {
            reservedStarts.append(start)
        }
    }

    /// Notes a request started at `now`: the pace's turn and the reserved start it used.
    func started(at now: ContinuousClock.Instant) {
        guard pace != nil else { return }
        pace?.started(at: now)
        if !reservedStarts.isEmpty { reservedStarts.removeFirst() }
    }

    /// Keeps to `rate` requests per second from now on (`nil`: no limit); an unchanged rate keeps its turns.
    func keepPace(_ rate: Int?) {
        guard pace?.rate != rate else { return }
        pace = rate.map { Pace(rate: $0) }
        if rate == nil { reservedStarts.removeAll() }
    }

    /// Whether nothing waits and nothing is on the wire.
    var isIdle: Bool { inFlight == 0 && waitingCount == 0 }

    /// Queues a delivery behind the others.
    func append(_ delivery: ClaimedDelivery) {
        waiting.append(delivery)
    }

    /// The delivery that has waited longest, removed from the queue.
    func popWaiting() -> ClaimedDelivery? {
        guard head < waiting.count else { return nil }
        let delivery = waiting[head]
        head += 1
        if head == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            head = 0
            forgetLeftoverStarts()
        } else if head >= 64 && head * 2 >= waiting.count {
            waiting.removeFirst(head)
            head = 0
        }
        return delivery
    }

    /// Removes and returns every waiting delivery.
    func removeAllWaiting() -> [ClaimedDelivery] {
        defer {
            waiting.removeAll()
            head = 0
            forgetLeftoverStarts()
        }
        return Array(waiting[head...])
    }

    /// Removes and returns the waiting deliveries for which `isStale` holds, keeping the order of the rest.
    func removeWaiting(where isStale: (ClaimedDelivery) -> Bool) -> [ClaimedDelivery] {
        let current = waiting[head...]
        let stale = current.filter(isStale)
        guard !stale.isEmpty else { return [] }
        waiting = current.filter { !isStale($0) }
        head = 0
        if waiting.isEmpty { forgetLeftoverStarts() }
        return stale
    }

    /// Drops the reserved starts no waiting delivery needs any more (theirs were dropped): they pass unused, which
    /// only leaves the receiver less traffic.
    private func forgetLeftoverStarts() {
        reservedStarts.removeAll()
    }

    /// How many deliveries this lane may hold (waiting and in flight) so that all of them can be sent before
    /// their leases end: `maxConcurrency` requests at a time, each taking about ``averageDuration``, within
    /// `window` (the lease left after the timeout and the safety margin), and no more than its pace sends in
    /// `window`. At least one round (one delivery when paced).
    func admissionLimit(window: Duration) -> Int {
        let typical = max(averageDuration ?? Self.assumedDuration, .milliseconds(1))
        let rounds = window > .zero ? min(Double(Self.maximumRounds), (window / typical).rounded(.down)) : 0
        let bySlots = maxConcurrency * max(1, Int(rounds))
        // A paced webhook sends no more than its rate within the window.
        guard let pace else { return bySlots }
        let byPace = window > .zero ? Int((window / pace.interval).rounded(.down)) : 0
        return max(1, min(bySlots, byPace))
    }

    /// Folds a finished request's duration into the moving average (each new one weighs a fifth).
    func noteDuration(_ duration: Duration) {
        averageDuration = averageDuration.map { $0 * 0.8 + duration * 0.2 } ?? duration
    }
}

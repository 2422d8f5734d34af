import Dispatch
import Foundation
public import Storage
import Synchronization

/// Publishes the events of concurrent requests together: one statement and one commit for every publication that
/// arrives while earlier ones are being written (group commit).
///
/// Up to `concurrentBatches` request threads write at a time, each a batch that starts with its own publication.
/// A publication that finds them all busy waits in line; when a writer finishes, it answers its batch and hands
/// its place to the first publication in line, which writes everything waiting (up to `batchLimit`). A lone
/// publication is written at once, so batching adds no delay; under load, a commit serves many requests, which is
/// what lets PostgreSQL keep up (each commit is a round trip, a statement's overhead and a WAL flush).
///
/// With a ``DeliveryHandoff`` (the dispatcher of this process), each batch reserves room for its new deliveries
/// first; as many as were reserved are written already leased to the dispatcher and handed over after the commit
/// (no `NOTIFY`, no claim), the rest are queued and the dispatchers nudged.
///
/// When a batch fails because a chatbot is not its tenant's, its publications are written one by one, so only
/// the wrong one fails. Any other error fails the whole batch: those are the database's, not a publication's.
///
/// Each batch is one ``EventStore/publish(_:now:leasing:)`` on a pooled connection, outside a transaction; when
/// it queued deliveries for claiming, ``DeliveryWakeUp`` sends the `NOTIFY` after the commit.
public final class EventPublisher: Sendable {
    /// A publication in line, and how it ended.
    private final class Ticket: Sendable {
        let publication: EventPublication
        /// Set before ``wake`` is signalled, unless the ticket is woken to write a batch itself.
        let outcome = Mutex<Result<PublishResult, any Error>?>(nil)
        let wake = DispatchSemaphore(value: 0)

        init(_ publication: EventPublication) {
            self.publication = publication
        }
    }

    private struct State {
        var waiting: [Ticket] = []
        var writers = 0
    }

    private let database: Database
    private let wakeUp: DeliveryWakeUp
    private let concurrentBatches: Int
    private let batchLimit: Int
    private let state = Mutex(State())
    private let handoff = Mutex<(any DeliveryHandoff)?>(nil)
    /// The most deliveries one event of the last batch queued: how much room to reserve per publication.
    private let fanOut = Atomic<Int>(1)

    /// A publisher writing to `database` and nudging `wakeUp` after queueing deliveries, with at most
    /// `concurrentBatches` batches of at most `batchLimit` publications at a time.
    public init(database: Database, wakeUp: DeliveryWakeUp, concurrentBatches: Int = 2, batchLimit: Int = 64) {
        self.database = database
        self.wakeUp = wakeUp
        self.concurrentBatches = max(1, concurrentBatches)
        self.batchLimit = max(1, batchLimit)
    }

    /// Publishes an event and queues its deliveries, committed with whatever other threads publish meanwhile;
    /// blocks until committed.
    ///
    /// - Throws: ``StorageError/missingReference(constraint:)`` when the chatbot is not the tenant's.
    public func publish(_ publication: EventPublication) throws -> PublishResult {
        let ticket = Ticket(publication)
        let writes = state.withLock { state in
            guard state.writers < concurrentBatches else {
                state.waiting.append(ticket)
                return false
            }
            state.writers += 1
            return true
        }
        if !writes {
            ticket.wake.wait()
        }
        if let outcome = ticket.outcome.withLock({ $0 }) {
            return try outcome.get()
        }
        // Our turn to write, with our publication first.
        write(startingWith: ticket)
        guard let outcome = ticket.outcome.withLock({ $0 }) else {
            throw StorageError.database("a publication was written without an outcome")
        }
        return try outcome.get()
    }

    /// Writes `first` and the publications waiting behind it, answers them, and hands the writer's place on.
    private func write(startingWith first: Ticket) {
        let batch = state.withLock { state -> [Ticket] in
            let taken = min(batchLimit - 1, state.waiting.count)
            defer { state.waiting.removeFirst(taken) }
            return [first] + state.waiting.prefix(taken)
        }
        let outcomes = outcomes(of: batch.map(\.publication))
        for (ticket, outcome) in zip(batch, outcomes) {
            ticket.outcome.withLock { $0 = outcome }
        }
        let next = state.withLock { state -> Ticket? in
            guard !state.waiting.isEmpty else {
                state.writers -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.wake.signal()
        for ticket in batch.dropFirst() {
            ticket.wake.signal()
        }
    }

    /// Writes a batch; one outcome per publication, in order. With a ``DeliveryHandoff`` that has room, the new
    /// deliveries it reserved are written leased to it and handed over after the commit; the rest are queued and
    /// the dispatchers nudged.
    private func outcomes(of batch: [EventPublication]) -> [Result<PublishResult, any Error>] {
        let handoff = self.handoff.withLock { $0 }
        let reserved = handoff?.reserve(upTo: batch.count * max(1, fanOut.load(ordering: .relaxed))) ?? 0
        let now = Date()
        let lease = handoff.flatMap { handoff in
            reserved > 0 ? DeliveryLease(owner: handoff.owner, until: now + handoff.lease.timeInterval, limit: reserved) : nil
        }
        let written: PublishedBatch
        do {
            written = try database.read { try $0.events.publish(batch, now: now, leasing: lease) }
        } catch StorageError.missingReference where batch.count > 1 {
            handoff?.take([], reserved: reserved)
            return batch.flatMap { outcomes(of: [$0]) }
        } catch {
            handoff?.take([], reserved: reserved)
            return batch.map { _ in .failure(error) }
        }
        handoff?.take(written.leased, reserved: reserved)
        let results = written.results
        guard results.count == batch.count else {
            return batch.map { _ in .failure(StorageError.database("publishing answered \(results.count) of \(batch.count)")) }
        }
        fanOut.store(results.filter { !$0.duplicate }.map(\.deliveriesQueued).max() ?? 1, ordering: .relaxed)
        if written.unleased > 0 {
            wakeUp.nudge()
        }
        return results.map { .success($0) }
    }

    /// Hands the deliveries published from now on to `handoff`, a dispatcher of this process, as far as it has
    /// room (see ``DeliveryHandoff``); `nil` queues them all for claiming (set it before the dispatcher stops).
    public func handOff(to handoff: (any DeliveryHandoff)?) {
        self.handoff.withLock { $0 = handoff }
    }
}

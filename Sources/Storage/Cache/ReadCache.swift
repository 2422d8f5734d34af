public import Foundation
import Synchronization

/// An in-process cache of the reads answered most often (a session or API key lookup, a chatbot's webhooks),
/// kept coherent across server processes by the `tenant_changes` notifications of ``ChangeFeed``.
///
/// It serves nothing unless a ``ChangeFeed`` is live: until the feed's connection listens, and from the moment it
/// is lost, every lookup misses and nothing is stored, so a missed notification can never leave a stale answer.
/// A change announced for a tenant drops all its entries; entries also expire after ``timeToLive``. A load that
/// raced with an invalidation is not stored (see ``Ticket``). Writes made by this process should also call
/// ``invalidate(tenantId:)`` or ``remove(_:)`` right after they commit, so the writer reads its own write even
/// before its notification comes back.
///
/// Entries are spread over stripes, each with its own lock, because every request thread looks up here.
public final class ReadCache: Sendable {
    /// What an entry holds.
    public enum Key: Hashable, Sendable {
        /// A session lookup by token hash.
        case session(tokenHash: [UInt8])
        /// An API key lookup by key hash.
        case apiKey(keyHash: [UInt8])
        /// A chatbot's webhooks.
        case webhooks(tenantId: UUID, chatbotId: UUID)

        /// A cheap spread of keys over stripes (the hashes and ids are random already).
        fileprivate var stripe: Int {
            switch self {
            case .session(let hash), .apiKey(let hash): Int(hash.first ?? 0)
            case .webhooks(_, let chatbotId): Int(chatbotId.uuid.15)
            }
        }
    }

    /// The invalidation count of a key's stripe seen before a load; ``store(_:for:tenantId:ticket:)`` keeps the
    /// value only when no invalidation happened since, so a load that read the old state before a change is never
    /// cached after it.
    public struct Ticket: Sendable {
        fileprivate let stripe: Int
        fileprivate let generation: UInt64
    }

    private struct Entry {
        let tenantId: UUID
        let value: any Sendable
        let expires: ContinuousClock.Instant
    }

    private struct Contents {
        var isLive = false
        var generation: UInt64 = 0
        var entries: [Key: Entry] = [:]
        var keysByTenant: [UUID: Set<Key>] = [:]

        mutating func removeEntry(_ key: Key) {
            guard let entry = entries.removeValue(forKey: key) else { return }
            keysByTenant[entry.tenantId]?.remove(key)
            if keysByTenant[entry.tenantId]?.isEmpty == true { keysByTenant[entry.tenantId] = nil }
        }

        mutating func removeAll() {
            entries.removeAll()
            keysByTenant.removeAll()
        }
    }

    private final class Stripe: Sendable {
        let contents = Mutex(Contents())
    }

    /// How long an entry is served at most.
    public let timeToLive: Duration
    /// At most this many entries per stripe; storing more empties the stripe first.
    private let stripeCapacity: Int
    private let stripes: [Stripe]
    private let hitCount = Atomic<Int>(0)
    private let missCount = Atomic<Int>(0)

    /// A cache whose entries live for `timeToLive` (zero turns the cache off), holding about `capacity` entries.
    public init(timeToLive: Duration, capacity: Int = 50_000) {
        self.timeToLive = timeToLive
        let count = 16
        self.stripeCapacity = max(1, capacity / count)
        self.stripes = (0..<count).map { _ in Stripe() }
    }

    private func stripe(_ index: Int) -> Stripe { stripes[index % stripes.count] }

    /// Whether lookups may be served (a ``ChangeFeed`` is listening and the time to live is not zero).
    public var isLive: Bool { stripes[0].contents.withLock { $0.isLive } }

    /// The cached value for `key`, or `nil`.
    public func value<Value: Sendable>(_ key: Key, as type: Value.Type = Value.self) -> Value? {
        let stripe = stripe(key.stripe)
        guard let entry = stripe.contents.withLock({ $0.isLive ? $0.entries[key] : nil }) else {
            missCount.add(1, ordering: .relaxed)
            return nil
        }
        guard entry.expires > ContinuousClock.now else {
            stripe.contents.withLock { contents in
                if let current = contents.entries[key], current.expires == entry.expires { contents.removeEntry(key) }
            }
            missCount.add(1, ordering: .relaxed)
            return nil
        }
        hitCount.add(1, ordering: .relaxed)
        return entry.value as? Value
    }

    /// A ticket to take before loading a value to store under `key`.
    public func ticket(for key: Key) -> Ticket {
        let index = key.stripe % stripes.count
        return Ticket(stripe: index, generation: stripes[index].contents.withLock { $0.generation })
    }

    /// Keeps `value` for `key`, unless the cache is not live or something was invalidated since `ticket`.
    public func store(_ value: some Sendable, for key: Key, tenantId: UUID, ticket: Ticket) {
        guard timeToLive > .zero else { return }
        let expires = ContinuousClock.now + timeToLive
        let value: any Sendable = value
        stripe(ticket.stripe).contents.withLock { contents in
            guard contents.isLive, contents.generation == ticket.generation else { return }
            if contents.entries.count >= stripeCapacity { contents.removeAll() }
            contents.removeEntry(key)
            contents.entries[key] = Entry(tenantId: tenantId, value: value, expires: expires)
            contents.keysByTenant[tenantId, default: []].insert(key)
        }
    }

    /// Drops the entry for `key`.
    public func remove(_ key: Key) {
        stripe(key.stripe).contents.withLock { contents in
            contents.generation &+= 1
            contents.removeEntry(key)
        }
    }

    /// Drops every entry of `tenantId`.
    public func invalidate(tenantId: UUID) {
        for stripe in stripes {
            stripe.contents.withLock { contents in
                contents.generation &+= 1
                for key in contents.keysByTenant.removeValue(forKey: tenantId) ?? [] { contents.entries[key] = nil }
            }
        }
    }

    /// Drops everything and sets whether lookups may be served from now on.
    func reset(live: Bool) {
        for stripe in stripes {
            stripe.contents.withLock { contents in
                contents.generation &+= 1
                contents.removeAll()
                contents.isLive = live && timeToLive > .zero
            }
        }
    }

    /// Lookups answered from the cache since start.
    public var hits: Int { hitCount.load(ordering: .relaxed) }
    /// Lookups the cache could not answer since start.
    public var misses: Int { missCount.load(ordering: .relaxed) }

    /// The number of entries.
    public var count: Int { stripes.reduce(0) { sum, stripe in sum + stripe.contents.withLock { $0.entries.count } } }
}

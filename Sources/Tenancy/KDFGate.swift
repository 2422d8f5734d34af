import Dispatch
public import Foundation
import Synchronization

/// Caps how many password-KDF computations (scrypt, ~100-250 ms of one core each) run at once in this process, so
/// a login flood cannot take every core from request handling and deliveries.
///
/// At most ``concurrency`` computations run; at most ``waitingLimit`` more callers wait, each for up to
/// ``maximumWait`` seconds. Anyone beyond that, or still waiting when the time is up, is refused at once with
/// ``TenancyError/rateLimited(retryAfter:)`` instead of tying up an HTTP worker thread in a queue.
public final class KDFGate: Sendable {
    /// The gate every ``Authenticator`` of the process shares by default: half the cores (at least one) run KDFs,
    /// so the rest stay free for serving; 4 callers may wait up to 2 s each.
    public static let shared = KDFGate(concurrency: max(1, ProcessInfo.processInfo.activeProcessorCount / 2),
                                       waitingLimit: 4, maximumWait: 2)

    /// Computations allowed at once.
    public let concurrency: Int
    /// Callers allowed to wait for a turn beyond those running.
    public let waitingLimit: Int
    /// How long a caller waits for its turn, in seconds.
    public let maximumWait: TimeInterval

    private let permits: DispatchSemaphore
    /// Callers admitted: running or waiting.
    private let admitted = Mutex(0)

    /// Creates a gate; `concurrency` is at least 1.
    public init(concurrency: Int, waitingLimit: Int, maximumWait: TimeInterval) {
        precondition(concurrency > 0, "a KDFGate needs concurrency > 0")
        self.concurrency = concurrency
        self.waitingLimit = max(0, waitingLimit)
        self.maximumWait = max(0, maximumWait)
        self.permits = DispatchSemaphore(value: concurrency)
    }

    /// Runs `body` when a turn is free.
    ///
    /// - Throws: ``TenancyError/rateLimited(retryAfter:)`` (1 s) when too many callers are waiting or no turn came
    ///   within ``maximumWait``; otherwise what `body` throws.
    public func withPermit<T>(_ body: () throws -> T) throws -> T {
        let limit = concurrency + waitingLimit
        let entered = admitted.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
        guard entered else { throw TenancyError.rateLimited(retryAfter: 1) }
        defer { admitted.withLock { $0 -= 1 } }
        guard permits.wait(timeout: .now() + maximumWait) == .success else {
            throw TenancyError.rateLimited(retryAfter: 1)
        }
        defer { permits.signal() }
        return try body()
    }
}

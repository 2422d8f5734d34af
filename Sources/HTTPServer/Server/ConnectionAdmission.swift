internal import Synchronization

/// The open connections of a server, in total and per client address, shared by its event loops: decides
/// whether an accepted connection may stay (`maxConnections`, `maxConnectionsPerAddress`).
final class ConnectionAdmission: Sendable {
    /// The verdict on a new connection.
    enum Verdict: Equatable {
        /// Counted; the connection may stay.
        case admitted
        /// Its address already holds its share: close it at once.
        case refusedForAddress
        /// The server is full and the address holds no fewer connections than any other: close it at once.
        case refusedFull
        /// The server is full but `address` holds at least two more connections than the newcomer's: shed one
        /// of them that waits for a request, then ask again.
        case full(busiestAddress: String)
    }

    private struct State {
        var total = 0
        var byAddress: [String: Int] = [:]
    }

    private let maxConnections: Int
    private let maxPerAddress: Int?
    private let state = Mutex(State())

    init(maxConnections: Int, maxPerAddress: Int?) {
        self.maxConnections = maxConnections
        self.maxPerAddress = maxPerAddress
    }

    /// Connections open now, over all loops.
    var openConnections: Int {
        state.withLock { $0.total }
    }

    /// Counts a new connection from `address` if it may stay.
    func admit(_ address: String) -> Verdict {
        state.withLock { state in
            let held = state.byAddress[address, default: 0]
            if let maxPerAddress, held >= maxPerAddress { return .refusedForAddress }
            guard state.total >= maxConnections else {
                state.total += 1
                state.byAddress[address] = held + 1
                return .admitted
            }
            // Full: the newcomer may take a slot from the address holding the most, but only while that address
            // keeps at least as many as the newcomer then holds, so two addresses never take turns shedding.
            // The scan runs only when full, and a refused flood stops at the per-address check above.
            guard let busiest = state.byAddress.max(by: { $0.value < $1.value }), busiest.value > held + 1 else {
                return .refusedFull
            }
            return .full(busiestAddress: busiest.key)
        }
    }

    /// Forgets a closed connection from `address`.
    func release(_ address: String) {
        state.withLock { state in
            state.total -= 1
            let held = state.byAddress[address, default: 0]
            state.byAddress[address] = held > 1 ? held - 1 : nil
        }
    }
}

import Foundation
import Tenancy
import Testing

@Suite struct KDFGateTests {
    /// Occupies the gate's only turn on another thread until `release` is signalled.
    private func holdTheOnlyTurn(of gate: KDFGate, release: DispatchSemaphore) -> DispatchSemaphore {
        let held = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = try? gate.withPermit {
                held.signal()
                release.wait()
            }
            done.signal()
        }
        held.wait()
        return done
    }

    @Test func busyGateRefusesAtOnceWhenNoOneMayWait() throws {
        let gate = KDFGate(concurrency: 1, waitingLimit: 0, maximumWait: 10)
        let release = DispatchSemaphore(value: 0)
        let done = holdTheOnlyTurn(of: gate, release: release)
        let start = Date()
        #expect(throws: TenancyError.rateLimited(retryAfter: 1)) { try gate.withPermit { () } }
        #expect(Date().timeIntervalSince(start) < 5)
        release.signal()
        done.wait()
        #expect(try gate.withPermit { 42 } == 42)
    }

    @Test func waiterIsRefusedWhenNoTurnComesInTime() throws {
        let gate = KDFGate(concurrency: 1, waitingLimit: 1, maximumWait: 0.05)
        let release = DispatchSemaphore(value: 0)
        let done = holdTheOnlyTurn(of: gate, release: release)
        #expect(throws: TenancyError.rateLimited(retryAfter: 1)) { try gate.withPermit { () } }
        release.signal()
        done.wait()
    }

    @Test func waiterGetsTheTurnWhenItIsFreedInTime() throws {
        let gate = KDFGate(concurrency: 1, waitingLimit: 1, maximumWait: 30)
        let release = DispatchSemaphore(value: 0)
        let done = holdTheOnlyTurn(of: gate, release: release)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { release.signal() }
        #expect(try gate.withPermit { "ran" } == "ran")
        done.wait()
    }

    @Test func sharedGateLeavesHalfTheCoresFree() {
        #expect(KDFGate.shared.concurrency == max(1, ProcessInfo.processInfo.activeProcessorCount / 2))
        #expect(KDFGate.shared.waitingLimit == 4)
    }
}

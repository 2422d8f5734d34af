import Synchronization
import Testing
import Lifecycle

@Suite("Lifecycle: the service runner")
struct ServiceRunnerTests {
    @Test func startsThePartsInOrderAndStopsThemInReverseAfterTheStopRequest() throws {
        let journal = Journal()
        let parts = ["feed", "dispatcher", "server"].map { RecordingService($0, journal: journal) }
        try ServiceRunner(parts).run(gracePeriod: .seconds(5)) {
            journal.note("stop requested")
        }
        #expect(journal.entries == [
            "start feed", "start dispatcher", "start server", "stop requested",
            "stop server", "stop dispatcher", "stop feed",
        ])
    }

    @Test func aPartThatFailsToStartStopsThePartsAlreadyStartedAndIsReported() {
        let journal = Journal()
        let parts = [RecordingService("feed", journal: journal), RecordingService("dispatcher", journal: journal),
                     RecordingService("server", journal: journal, failsToStart: true),
                     RecordingService("never", journal: journal)]
        #expect(throws: PartFailure.self) {
            try ServiceRunner(parts).run(gracePeriod: .seconds(5)) { journal.note("stop requested") }
        }
        #expect(journal.entries == ["start feed", "start dispatcher", "start server", "stop dispatcher", "stop feed"])
    }

    @Test func everyPartIsStoppedWithTheDeadlineTheGracePeriodSets() throws {
        let journal = Journal()
        let parts = ["feed", "server"].map { RecordingService($0, journal: journal) }
        let requested = Mutex<ContinuousClock.Instant?>(nil)
        try ServiceRunner(parts).run(gracePeriod: .seconds(30)) {
            requested.withLock { $0 = .now }
        }
        let stopRequested = try #require(requested.withLock { $0 })
        let deadlines = parts.compactMap(\.deadline)
        #expect(deadlines.count == 2)
        #expect(Set(deadlines).count == 1)
        for deadline in deadlines {
            #expect(deadline >= stopRequested + .seconds(30))
            #expect(deadline < stopRequested + .seconds(60))
        }
    }

    @Test func aNegativeGracePeriodMeansStopNow() throws {
        let journal = Journal()
        let part = RecordingService("server", journal: journal)
        let requested = Mutex<ContinuousClock.Instant?>(nil)
        try ServiceRunner([part]).run(gracePeriod: .seconds(-5)) { requested.withLock { $0 = .now } }
        let stopRequested = try #require(requested.withLock { $0 })
        let deadline = try #require(part.deadline)
        #expect(deadline >= stopRequested)
        #expect(deadline < stopRequested + .seconds(5))
    }
}

/// What the parts did, in order.
private final class Journal: Sendable {
    private let lines = Mutex<[String]>([])

    func note(_ line: String) { lines.withLock { $0.append(line) } }

    var entries: [String] { lines.withLock { $0 } }
}

private struct PartFailure: Error {}

/// A part that notes its start and stop in a journal, and the deadline it was given.
private final class RecordingService: Service {
    let name: String
    private let journal: Journal
    private let failsToStart: Bool
    private let stoppedWith = Mutex<ContinuousClock.Instant?>(nil)

    init(_ name: String, journal: Journal, failsToStart: Bool = false) {
        self.name = name
        self.journal = journal
        self.failsToStart = failsToStart
    }

    var deadline: ContinuousClock.Instant? { stoppedWith.withLock { $0 } }

    func start() throws {
        journal.note("start \(name)")
        if failsToStart { throw PartFailure() }
    }

    func stop(deadline: ContinuousClock.Instant) {
        stoppedWith.withLock { $0 = deadline }
        journal.note("stop \(name)")
    }
}

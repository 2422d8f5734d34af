import Foundation
import Glibc
import Synchronization
import Testing
import Lifecycle

@Suite("Lifecycle: the joinable thread")
struct JoinableThreadTests {
    @Test func joinReturnsAfterTheBodyHasRun() throws {
        let finished = Atomic<Bool>(false)
        let thread = try JoinableThread.start(name: "test") {
            // Long enough that a join which did not wait would see the flag still unset.
            usleep(50_000)
            finished.store(true, ordering: .releasing)
        }
        thread.join()
        let hasFinished = finished.load(ordering: .acquiring)
        #expect(hasFinished)
    }

    @Test func theThreadCarriesItsNameCutToLinuxsFifteenBytes() throws {
        let names = Mutex<[String]>([])
        for name in ["change-feed", "a-name-longer-than-fifteen"] {
            try JoinableThread.start(name: name) {
                // What `top -H` and `ps -L` show.
                let text = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
                names.withLock { $0.append(text.trimmingCharacters(in: .newlines)) }
            }.join()
        }
        #expect(names.withLock { $0 } == ["change-feed", "a-name-longer-t"])
    }

    @Test func theBodyRunsOnItsOwnThread() throws {
        let ranOnIt = Atomic<Bool>(false)
        let handle = Mutex<JoinableThread?>(nil)
        let entered = Atomic<Bool>(false)
        let thread = try JoinableThread.start(name: "test") {
            while !entered.load(ordering: .acquiring) {}
            ranOnIt.store(handle.withLock { $0?.isCurrent } ?? false, ordering: .releasing)
        }
        handle.withLock { $0 = thread }
        entered.store(true, ordering: .releasing)
        thread.join()
        let wasCurrent = ranOnIt.load(ordering: .acquiring)
        #expect(wasCurrent)
        #expect(!thread.isCurrent)
    }

    @Test func everyThreadRunsItsOwnBody() throws {
        let sum = Atomic<Int>(0)
        let threads = try (1...8).map { value in
            try JoinableThread.start(name: "test") { sum.add(value, ordering: .relaxed) }
        }
        for thread in threads { thread.join() }
        let total = sum.load(ordering: .relaxed)
        #expect(total == 36)
    }
}

import Foundation
import Lifecycle
import Synchronization

/// Collects log lines in memory and writes them to a file descriptor in large chunks from one background thread,
/// so a request thread never waits on a terminal or a pipe. ``flush()`` writes what is pending at once.
///
/// The thread runs between ``start()`` and ``stop(deadline:)``; before and after, each line is written at once
/// (the lines of a command that runs no services, and the last lines of one that stopped them).
final class LogWriter: Service {
    private let buffer = Mutex<[UInt8]>([])
    private let descriptor: Int32
    private let thread = Mutex<JoinableThread?>(nil)
    private let isBuffering = Atomic<Bool>(false)
    /// Buffered bytes that make a writer flush at once instead of on the next tick.
    private static let highWater = 256 * 1024
    /// How often the thread writes what was buffered.
    private static let tick: useconds_t = 50_000

    /// The writer to standard output.
    static let standardOutput = LogWriter(descriptor: STDOUT_FILENO)

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Starts the thread that writes the buffered lines every 50 ms (once).
    func start() throws(LifecycleError) {
        try thread.withLock { (thread: inout JoinableThread?) throws(LifecycleError) in
            guard thread == nil else { return }
            isBuffering.store(true, ordering: .releasing)
            do throws(LifecycleError) {
                thread = try JoinableThread.start(name: "log-writer") { [self] in
                    while isBuffering.load(ordering: .acquiring) {
                        usleep(Self.tick)
                        flush()
                    }
                }
            } catch {
                isBuffering.store(false, ordering: .releasing)
                throw error
            }
        }
    }

    /// Ends the thread and writes everything pending; later lines are written at once.
    func stop(deadline: ContinuousClock.Instant) {
        isBuffering.store(false, ordering: .releasing)
        thread.withLock { thread in
            defer { thread = nil }
            return thread
        }?.join()
        flush()
    }

    /// Appends one line (a newline is added).
    func write(_ line: [UInt8]) {
        let full = buffer.withLock { buffer in
            buffer.append(contentsOf: line)
            buffer.append(UInt8(ascii: "\n"))
            return buffer.count >= Self.highWater
        }
        if full || !isBuffering.load(ordering: .acquiring) { flush() }
    }

    /// Writes everything pending.
    func flush() {
        let pending = buffer.withLock { buffer in
            let taken = buffer
            buffer.removeAll(keepingCapacity: true)
            return taken
        }
        var offset = 0
        while offset < pending.count {
            let written = pending[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }
}

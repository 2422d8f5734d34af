import Foundation
import Synchronization

/// Collects log lines in memory and writes them to a file descriptor in large chunks from one background thread,
/// so a request thread never waits on a terminal or a pipe. ``flush()`` writes what is pending at once.
final class LogWriter: Sendable {
    private let buffer = Mutex<[UInt8]>([])
    private let descriptor: Int32
    /// Buffered bytes that make a writer flush at once instead of on the next tick.
    private static let highWater = 256 * 1024

    /// A writer to standard output, flushed every 50 ms.
    static let standardOutput = LogWriter(descriptor: STDOUT_FILENO)

    private init(descriptor: Int32) {
        self.descriptor = descriptor
        Thread.detachNewThread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 0.05)
                flush()
            }
        }
    }

    /// Appends one line (a newline is added).
    func write(_ line: [UInt8]) {
        let full = buffer.withLock { buffer in
            buffer.append(contentsOf: line)
            buffer.append(UInt8(ascii: "\n"))
            return buffer.count >= Self.highWater
        }
        if full { flush() }
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

internal import Glibc

/// Bytes waiting to be written to a connection, as a few chunks written with one `sendmsg`.
///
/// Response heads and small bodies are appended to an owned tail chunk whose storage is reused once sent,
/// so a keep-alive connection writes responses without allocating; large bodies are queued as they are
/// (no copy). Owned by one event-loop thread.
struct OutputQueue {
    /// Bodies up to this size are copied behind their head; larger ones are queued as their own chunk.
    static let inlineBodyLimit = 16 * 1024
    private static let maxVectors = 16
    private static let maxRetainedCapacity = 64 * 1024

    private var chunks: [[UInt8]] = []
    /// Bytes of `chunks[0]` already written.
    private var offset = 0
    /// Whether the last chunk is ours to append to (false when it is a queued large body).
    private var tailIsOwned = false
    /// Bytes not yet written.
    private(set) var pendingBytes = 0

    /// Whether everything was written.
    var isEmpty: Bool { pendingBytes == 0 }

    /// Appends bytes produced by `body` to the owned tail chunk.
    mutating func append(_ body: (inout [UInt8]) -> Void) {
        if !tailIsOwned {
            chunks.append([])
            tailIsOwned = true
        }
        let last = chunks.count - 1
        let before = chunks[last].count
        body(&chunks[last])
        pendingBytes += chunks[last].count - before
    }

    /// Queues `bytes` as its own chunk, without copying.
    mutating func append(shared bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        chunks.append(bytes)
        tailIsOwned = false
        pendingBytes += bytes.count
    }

    /// Marks `count` bytes as written, dropping finished chunks (an owned last chunk is kept for reuse).
    mutating func consume(_ count: Int) {
        pendingBytes -= count
        var remaining = count
        while remaining > 0, let first = chunks.first {
            let available = first.count - offset
            if remaining < available {
                offset += remaining
                return
            }
            remaining -= available
            offset = 0
            if chunks.count == 1 && tailIsOwned && first.capacity <= Self.maxRetainedCapacity {
                chunks[0].removeAll(keepingCapacity: true)
            } else {
                chunks.removeFirst()
                if chunks.isEmpty { tailIsOwned = false }
            }
        }
    }

    /// Calls `body` with `iovec`s describing up to 16 pending chunks.
    func withIOVectors<Result>(_ body: (UnsafeMutableBufferPointer<iovec>) -> Result) -> Result {
        let count = min(chunks.count, Self.maxVectors)
        return withUnsafeTemporaryAllocation(of: iovec.self, capacity: count) { vectors in
            gather(index: 0, count: count, into: vectors, body)
        }
    }

    /// Pins chunk `index` (and, recursively, the following ones) while `body` runs.
    private func gather<Result>(
        index: Int, count: Int, into vectors: UnsafeMutableBufferPointer<iovec>,
        _ body: (UnsafeMutableBufferPointer<iovec>) -> Result
    ) -> Result {
        guard index < count else { return body(vectors) }
        return chunks[index].withUnsafeBytes { bytes in
            let skip = index == 0 ? offset : 0
            vectors[index] = iovec(
                iov_base: UnsafeMutableRawPointer(mutating: bytes.baseAddress.map { $0 + skip }),
                iov_len: bytes.count - skip
            )
            return gather(index: index + 1, count: count, into: vectors, body)
        }
    }
}

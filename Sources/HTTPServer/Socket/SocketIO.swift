internal import Glibc

/// Non-blocking reads and writes on a connected socket, with `errno` mapped to outcomes.
enum SocketIO {
    /// The outcome of a read.
    enum ReadResult {
        /// `count` bytes were read (never 0).
        case bytes(Int)
        /// The peer closed its sending side.
        case endOfFile
        /// No data is available right now (`EAGAIN`).
        case wouldBlock
        /// The connection is broken (reset, timed out...).
        case failed(SocketError)
    }

    /// The outcome of a write.
    enum WriteResult {
        /// `count` bytes were accepted by the kernel (possibly fewer than offered).
        case written(Int)
        /// The send buffer is full (`EAGAIN`); wait for writability.
        case wouldBlock
        /// The connection is broken (`EPIPE`, `ECONNRESET`...).
        case failed(SocketError)
    }

    /// Reads up to `buffer.count` bytes.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> ReadResult {
        while true {
            let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if count > 0 { return .bytes(count) }
            if count == 0 { return .endOfFile }
            switch Glibc.errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(.lastError(of: "read"))
            }
        }
    }

    /// Writes the gathered `vectors` with one `sendmsg` (MSG_NOSIGNAL: a closed peer gives `EPIPE`, not SIGPIPE).
    static func write(_ fd: Int32, vectors: UnsafeMutableBufferPointer<iovec>) -> WriteResult {
        var message = msghdr()
        message.msg_iov = vectors.baseAddress
        message.msg_iovlen = vectors.count
        while true {
            let count = Glibc.sendmsg(fd, &message, Int32(MSG_NOSIGNAL))
            if count >= 0 { return .written(count) }
            switch Glibc.errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(.lastError(of: "sendmsg"))
            }
        }
    }

    /// Sends a FIN: the peer reads end-of-file once it has read everything sent before.
    static func shutdownWrite(_ fd: Int32) {
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    /// Closes `fd`. Each descriptor reaches this exactly once.
    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }
}

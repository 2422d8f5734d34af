internal import Glibc

/// A joinable POSIX thread. The server's threads are plain pthreads: they block in `epoll_wait`
/// or in handlers, which must never happen on Swift's cooperative thread pool.
struct NativeThread: Sendable {
    private final class Entry {
        let body: @Sendable () -> Void

        init(body: @escaping @Sendable () -> Void) {
            self.body = body
        }
    }

    private let handle: pthread_t

    /// Starts a thread running `body`.
    static func start(_ body: @escaping @Sendable () -> Void) throws(HTTPServerError) -> NativeThread {
        let entry = Unmanaged.passRetained(Entry(body: body)).toOpaque()
        var handle = pthread_t()
        let status = pthread_create(&handle, nil, { argument in
            guard let argument else { return nil }
            Unmanaged<Entry>.fromOpaque(argument).takeRetainedValue().body()
            return nil
        }, entry)
        guard status == 0 else {
            Unmanaged<Entry>.fromOpaque(entry).release()
            throw .threadCreation(errno: status)
        }
        return NativeThread(handle: handle)
    }

    /// Waits for the thread to finish (returns at once when called on the thread itself).
    func join() {
        _ = pthread_join(handle, nil)
    }

    /// Whether the caller runs on this thread.
    var isCurrent: Bool {
        pthread_equal(pthread_self(), handle) != 0
    }
}

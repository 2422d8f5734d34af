internal import Glibc

/// A joinable POSIX thread. The dispatcher's threads block in `curl_multi_poll` and in libpq, which must never
/// happen on Swift's cooperative thread pool.
struct JoinableThread: Sendable {
    private final class Entry {
        let body: @Sendable () -> Void

        init(body: @escaping @Sendable () -> Void) {
            self.body = body
        }
    }

    private let handle: pthread_t

    /// Starts a thread running `body`; throws the `pthread_create` error number when no thread can be made.
    static func start(_ body: @escaping @Sendable () -> Void) throws(DispatcherError) -> JoinableThread {
        let entry = Unmanaged.passRetained(Entry(body: body)).toOpaque()
        var handle = pthread_t()
        let status = pthread_create(&handle, nil, { argument in
            guard let argument else { return nil }
            Unmanaged<Entry>.fromOpaque(argument).takeRetainedValue().body()
            return nil
        }, entry)
        guard status == 0 else {
            Unmanaged<Entry>.fromOpaque(entry).release()
            throw DispatcherError(description: "cannot start a dispatcher thread (pthread_create error \(status))")
        }
        return JoinableThread(handle: handle)
    }

    /// Waits for the thread to finish.
    func join() {
        _ = pthread_join(handle, nil)
    }
}

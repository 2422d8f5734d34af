internal import Glibc

/// A joinable POSIX thread, the one thread wrapper of the project.
///
/// Long-lived parts block in `epoll_wait`, `curl_multi_poll`, libpq or `poll`, which must never happen on Swift's
/// cooperative thread pool; each of them runs on a thread of its own, made here, and joined when the part stops.
public struct JoinableThread: Sendable {
    private final class Entry {
        let body: @Sendable () -> Void

        init(body: @escaping @Sendable () -> Void) {
            self.body = body
        }
    }

    private let handle: pthread_t

    /// Starts a thread running `body`; the thread ends when `body` returns.
    ///
    /// - Throws: ``LifecycleError/threadCreation(errno:)`` when `pthread_create` fails.
    public static func start(_ body: @escaping @Sendable () -> Void) throws(LifecycleError) -> JoinableThread {
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
        return JoinableThread(handle: handle)
    }

    /// Waits for the thread to finish. Call it once per thread, and never from the thread itself.
    public func join() {
        _ = pthread_join(handle, nil)
    }

    /// Whether the caller runs on this thread.
    public var isCurrent: Bool {
        pthread_equal(pthread_self(), handle) != 0
    }
}

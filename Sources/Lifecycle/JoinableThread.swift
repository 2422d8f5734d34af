internal import Glibc

/// A joinable POSIX thread, the one thread wrapper of the project.
///
/// Long-lived parts block in `epoll_wait`, `curl_multi_poll`, libpq or `poll`, which must never happen on Swift's
/// cooperative thread pool; each of them runs on a thread of its own, made here, and joined when the part stops.
public struct JoinableThread: Sendable {
    private final class Entry {
        let name: String
        let body: @Sendable () -> Void

        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }

    private let handle: pthread_t

    /// Starts a thread named `name` running `body`; the thread ends when `body` returns.
    ///
    /// The name is what `top -H`, `ps -L` and debuggers show; Linux keeps its first 15 bytes.
    ///
    /// - Throws: ``LifecycleError/threadCreation(errno:)`` when `pthread_create` fails.
    public static func start(name: String, _ body: @escaping @Sendable () -> Void) throws(LifecycleError)
        -> JoinableThread {
        let entry = Unmanaged.passRetained(Entry(name: name, body: body)).toOpaque()
        var handle = pthread_t()
        let status = pthread_create(&handle, nil, { argument in
            guard let argument else { return nil }
            let entry = Unmanaged<Entry>.fromOpaque(argument).takeRetainedValue()
            nameCurrentThread(entry.name)
            entry.body()
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

/// Names the calling thread through `/proc/thread-self/comm`: Swift's Glibc module leaves out
/// `pthread_setname_np` (it needs `_GNU_SOURCE`). A thread left unnamed only shows its process's name.
private func nameCurrentThread(_ name: String) {
    let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    let bytes = Array(name.utf8.prefix(15))
    _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
}

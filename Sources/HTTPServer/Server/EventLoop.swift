internal import Synchronization

/// The thread-safe face of one event loop: its epoll set, its wake-up eventfd and its inbox.
/// Everything else about the loop lives in `EventLoopRunner`, confined to the loop's thread.
final class EventLoop: Sendable {
    /// Epoll data of the listening socket.
    static let listenerTag = UInt64.max
    /// Epoll data of the wake-up eventfd.
    static let wakeupTag = UInt64.max - 1

    private struct Inbox: Sendable {
        var messages: [LoopMessage] = []
        var wakeupPending = false
        var closed = false
    }

    let epoll: Epoll
    let wakeup: WakeupEvent
    private let inbox = Mutex(Inbox())

    /// Creates the epoll set and registers the wake-up eventfd and the listening socket
    /// (`EPOLLEXCLUSIVE`, so one connection attempt wakes one loop).
    init(listener: ListeningSocket) throws(SocketError) {
        let epoll = try Epoll()
        let wakeup: WakeupEvent
        do throws(SocketError) {
            wakeup = try WakeupEvent()
        } catch {
            epoll.close()
            throw error
        }
        do throws(SocketError) {
            try epoll.add(wakeup.descriptor, flags: .readable, data: Self.wakeupTag)
            try epoll.add(listener.descriptor, flags: [.readable, .exclusive], data: Self.listenerTag)
        } catch {
            wakeup.close()
            epoll.close()
            throw error
        }
        self.epoll = epoll
        self.wakeup = wakeup
    }

    /// Queues `message` and wakes the loop (one eventfd write per batch of messages).
    /// After `close()` messages are dropped: the signal is sent under the lock, so never to a closed descriptor.
    func post(_ message: LoopMessage) {
        inbox.withLock { inbox in
            guard !inbox.closed else { return }
            inbox.messages.append(message)
            if !inbox.wakeupPending {
                inbox.wakeupPending = true
                wakeup.signal()
            }
        }
    }

    /// Takes every queued message.
    func takeMessages() -> [LoopMessage] {
        inbox.withLock { inbox in
            inbox.wakeupPending = false
            defer { inbox.messages = [] }
            return inbox.messages
        }
    }

    /// Closes the epoll set and the eventfd once the loop thread has exited. A worker still finishing a
    /// request (possible only when `shutdown` was called from a handler) can no longer reach the descriptors.
    func close() {
        inbox.withLock { inbox in
            inbox.closed = true
            inbox.messages = []
            wakeup.close()
        }
        epoll.close()
    }
}

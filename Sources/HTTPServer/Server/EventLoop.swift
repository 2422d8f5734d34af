internal import Synchronization

/// A message to an event loop from another thread.
enum LoopMessage: Sendable {
    /// A worker finished the request of this connection.
    case completed(ConnectionID, HTTPResponse)
    /// Stop accepting, count down `acknowledged`, then drain connections until `deadline` (monotonic ns).
    case shutdown(deadline: UInt64, acknowledged: ConditionLock<Int>)
}

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
    func post(_ message: LoopMessage) {
        let mustWake = inbox.withLock { inbox in
            inbox.messages.append(message)
            defer { inbox.wakeupPending = true }
            return !inbox.wakeupPending
        }
        if mustWake { wakeup.signal() }
    }

    /// Takes every queued message.
    func takeMessages() -> [LoopMessage] {
        inbox.withLock { inbox in
            inbox.wakeupPending = false
            defer { inbox.messages = [] }
            return inbox.messages
        }
    }

    /// Closes the epoll set and the eventfd, once the loop thread and every worker have stopped.
    func close() {
        wakeup.close()
        epoll.close()
    }
}

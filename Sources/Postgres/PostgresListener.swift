import Synchronization

/// A dedicated connection that listens on channels and waits for their notifications.
///
/// One thread waits at a time: a second ``waitForEvent(timeout:)``, ``listen(_:)`` or
/// ``close()`` blocks until the current wait returns. ``interrupt()`` may be called from
/// any thread at any time. When the connection drops, the next wait reconnects, listens to
/// every channel again and reports ``PostgresListenerEvent/reconnected``.
public final class PostgresListener: Sendable {
    private struct State {
        var connection: PostgresConnection?
        var channels: [String]
        var isClosed = false
    }

    private let url: String
    private let interruption: InterruptPipe
    private let state: Mutex<State>

    /// Connects and starts listening on `channels`.
    ///
    /// - Throws: ``PostgresError`` when connecting or listening fails.
    public init(url: String, channels: [String] = []) throws {
        self.url = url
        self.interruption = try InterruptPipe()
        let connection = try Self.connect(url: url, channels: channels)
        self.state = Mutex(State(connection: connection, channels: channels))
    }

    /// Starts listening on one more channel; reconnections listen to it too.
    public func listen(_ channel: String) throws {
        try state.withLock { state in
            guard !state.channels.contains(channel) else { return }
            state.channels.append(channel)
            try state.connection?.listen(channel)
        }
    }

    /// Waits up to `timeout` for notifications.
    ///
    /// - Returns: The notifications; an empty array when the wait timed out, was
    ///   interrupted or had to reconnect. Use ``waitForEvent(timeout:)`` to tell these apart.
    /// - Throws: As ``waitForEvent(timeout:)``.
    public func wait(timeout: Duration) throws -> [PostgresNotification] {
        guard case .notifications(let notifications) = try waitForEvent(timeout: timeout) else { return [] }
        return notifications
    }

    /// Waits up to `timeout` for notifications, an ``interrupt()`` or a reconnection.
    ///
    /// Notifications already received are returned at once. A lost connection is replaced
    /// (and listened on again) before this returns ``PostgresListenerEvent/reconnected``.
    ///
    /// - Throws: ``PostgresError`` of kind `.connection` when the listener is closed or
    ///   reconnecting fails; the next call tries to reconnect again.
    public func waitForEvent(timeout: Duration) throws -> PostgresListenerEvent {
        try state.withLock { state in
            guard !state.isClosed else {
                throw PostgresError(kind: .connection, message: "the listener is closed")
            }
            if let connection = state.connection {
                do {
                    return try connection.waitForNotifications(timeout: timeout, interrupt: interruption)
                } catch let error as PostgresError where error.isConnectionLost {
                    connection.close()
                    state.connection = nil
                }
            }
            state.connection = try Self.connect(url: url, channels: state.channels)
            return .reconnected
        }
    }

    /// Wakes a thread blocked in ``wait(timeout:)`` or ``waitForEvent(timeout:)``, which then
    /// returns ``PostgresListenerEvent/interrupted``; if none is waiting, the next wait
    /// returns at once. Safe to call from any thread.
    public func interrupt() {
        interruption.signal()
    }

    /// The process ID of the server backend serving the listener, or `nil` while disconnected.
    public var backendPID: Int32? {
        state.withLock { $0.connection?.backendPID }
    }

    /// Interrupts any wait, then closes the connection. Later waits throw.
    public func close() {
        interruption.signal()
        state.withLock { state in
            state.isClosed = true
            state.connection?.close()
            state.connection = nil
        }
    }

    private static func connect(url: String, channels: [String]) throws -> PostgresConnection {
        let connection = try PostgresConnection(url: url)
        for channel in channels {
            try connection.listen(channel)
        }
        return connection
    }
}

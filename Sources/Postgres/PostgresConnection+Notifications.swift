internal import CLibPQ

extension PostgresConnection {
    /// Starts listening on `channel` (`LISTEN`, with the name quoted as an identifier, so
    /// it is case-sensitive and matches `pg_notify`'s channel argument exactly).
    /// Notifications are read with ``PostgresListener``, which owns its own connection.
    public func listen(_ channel: String) throws {
        try simpleQuery("LISTEN \(quotedIdentifier(channel))")
    }

    /// Stops listening on `channel`.
    public func unlisten(_ channel: String) throws {
        try simpleQuery("UNLISTEN \(quotedIdentifier(channel))")
    }

    /// Sends a notification with `SELECT pg_notify($1, $2)`. Inside a transaction it is
    /// delivered when the transaction commits.
    public func notify(channel: String, payload: String = "") throws {
        _ = try query("SELECT pg_notify($1, $2)", [channel, payload])
    }

    /// `name` quoted and escaped by libpq as an SQL identifier.
    func quotedIdentifier(_ name: String) throws -> String {
        let handle = try openHandle()
        guard !name.utf8.contains(0), let escaped = PQescapeIdentifier(handle, name, name.utf8.count) else {
            throw PostgresError(kind: .encoding, message: "invalid identifier \"\(name)\"")
        }
        defer { PQfreemem(escaped) }
        return String(cString: escaped)
    }

    /// Waits for notifications on the channels this connection listens to.
    ///
    /// - Throws: ``PostgresError`` of kind `.connection` when the connection is lost.
    func waitForNotifications(timeout: Duration, interrupt: InterruptPipe) throws -> PostgresListenerEvent {
        let handle = try openHandle()
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            let notifications = takeNotifications(handle)
            if !notifications.isEmpty { return .notifications(notifications) }
            let socket = PQsocket(handle)
            guard socket >= 0 else { throw connectionError(handle) }
            let ready = SocketPoll.readable([socket, interrupt.readDescriptor], timeout: clock.now.duration(to: deadline))
            if ready[1] {
                interrupt.drain()
                return .interrupted
            }
            if ready[0] {
                guard PQconsumeInput(handle) == 1, PQstatus(handle) == CONNECTION_OK else {
                    throw connectionError(handle)
                }
            } else if clock.now >= deadline {
                return .timedOut
            }
        }
    }

    /// Whether the connection still works, checked without a round trip: anything the
    /// server sent while the connection sat idle, such as the error and end of stream of a
    /// terminated backend, is read first.
    func isAlive() -> Bool {
        guard let handle, isConnected else { return false }
        // Each pass reads what is available; a dead server shows as end of stream.
        for _ in 0..<8 {
            guard SocketPoll.readable([PQsocket(handle)], timeout: .zero)[0] else { break }
            guard PQconsumeInput(handle) == 1 else { return false }
        }
        return isConnected
    }

    /// Notifications libpq has received, each copied and freed exactly once.
    private func takeNotifications(_ handle: OpaquePointer) -> [PostgresNotification] {
        var notifications: [PostgresNotification] = []
        while let notify = PQnotifies(handle) {
            notifications.append(PostgresNotification(
                channel: notify.pointee.relname.map { String(cString: $0) } ?? "",
                payload: notify.pointee.extra.map { String(cString: $0) } ?? "",
                pid: notify.pointee.be_pid
            ))
            PQfreemem(notify)
        }
        return notifications
    }
}

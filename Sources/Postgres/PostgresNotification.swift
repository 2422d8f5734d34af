/// A notification delivered by `NOTIFY` or `pg_notify` on a channel the connection listens to.
public struct PostgresNotification: Sendable, Hashable {
    /// The channel the notification was sent on.
    public var channel: String
    /// The payload, empty when none was given.
    public var payload: String
    /// The process ID of the server backend that sent the notification.
    public var pid: Int32

    /// Creates a notification from its parts.
    public init(channel: String, payload: String, pid: Int32) {
        self.channel = channel
        self.payload = payload
        self.pid = pid
    }
}

/// Why ``PostgresListener/waitForEvent(timeout:)`` returned.
public enum PostgresListenerEvent: Sendable, Hashable {
    /// Notifications arrived, in the order the server sent them.
    case notifications([PostgresNotification])
    /// The timeout passed without a notification.
    case timedOut
    /// ``PostgresListener/interrupt()`` was called.
    case interrupted
    /// The connection was lost and has been re-established, with every channel listened
    /// to again. Notifications sent in between are lost: re-scan whatever they announce.
    case reconnected
}

/// The bounds of test inboxes, in one place: how many a tenant may hold, how long they live, and how much of
/// each request they keep.
public enum InboxLimits {
    /// Inboxes one tenant may hold at once (409 `inbox_limit_reached` beyond).
    public static let inboxesPerTenant = 10
    /// Requests kept per inbox: the newest, older ones are dropped as new ones arrive.
    public static let requestsPerInbox = 100
    /// Body bytes kept per request; the rest is cut and the request marked truncated.
    public static let bodyBytes = 64 * 1024
    /// Headers kept per request; further ones are dropped and the request marked truncated.
    public static let headerCount = 100
    /// Bytes of one header value kept; longer values are cut and the request marked truncated.
    public static let headerValueBytes = 4 * 1024
    /// Bytes of the path and query kept.
    public static let targetBytes = 4 * 1024
    /// How long an inbox lives, in seconds (7 days); then it answers 404 and the maintenance pass deletes it.
    public static let lifetimeSeconds = 7 * 24 * 3600
    /// The longest inbox name, in characters.
    public static let nameLength = 200
}

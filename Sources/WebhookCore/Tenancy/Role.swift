/// What a user may do inside their tenant.
public enum Role: String, Sendable, CaseIterable, Codable {
    /// Owns the account; may change everything.
    case owner
    /// May change webhooks.
    case admin
    /// May only read.
    case member

    /// Whether this role may create, change or delete webhooks.
    public var canWrite: Bool { self != .member }
}

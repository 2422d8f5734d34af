/// Why a tenancy operation was refused. Each case names the input field at fault where there is one.
public enum TenancyError: Error, Equatable, CustomStringConvertible {
    /// An input failed validation.
    case invalid(field: String, message: String)
    /// The email is already used by a user (of any tenant).
    case emailTaken
    /// No such tenant.
    case tenantNotFound

    public var description: String {
        switch self {
        case .invalid(let field, let message): "\(field): \(message)"
        case .emailTaken: "email: already in use"
        case .tenantNotFound: "tenant not found"
        }
    }
}

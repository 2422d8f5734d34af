/// Why a tenancy operation was refused. Each case names the input field at fault where there is one.
public enum TenancyError: Error, Equatable, CustomStringConvertible {
    /// An input failed validation.
    case invalid(field: String, message: String)
    /// The email is already used by a user (of any tenant).
    case emailTaken
    /// No such tenant.
    case tenantNotFound
    /// A login named an unknown email or the wrong password; deliberately the same answer for both.
    case invalidCredentials
    /// Too many failed logins for this account or client address, or too many logins in progress in this process;
    /// `retryAfter` is in whole seconds (at least 1).
    case rateLimited(retryAfter: Int)

    /// A one-line explanation, fit for logs and error messages (it never names the account or the password).
    public var description: String {
        switch self {
        case .invalid(let field, let message): "\(field): \(message)"
        case .emailTaken: "email: already in use"
        case .tenantNotFound: "tenant not found"
        case .invalidCredentials: "invalid email or password"
        case .rateLimited(let retryAfter): "too many login attempts; retry after \(retryAfter) s"
        }
    }
}

/// Reads of the provisioning fields whose limits `openapi.yaml` states in characters (Unicode scalars, as JSON
/// Schema counts them), so that a body the document accepts is accepted here and one it refuses is refused.
extension JSONObject {
    /// The longest display name (tenant, chatbot, API key), in characters, before trimming.
    static let maxNameLength = 200
    /// The shortest and longest password accepted over HTTP, in characters: 256 characters are at most the 1,024
    /// bytes the password rules allow, so no password in this range is refused for its size in bytes.
    static let passwordLengths = 10...256

    /// A display name: a string of at most ``maxNameLength`` characters (400 `too_long` beyond). The tenancy rules
    /// then trim it and refuse it when blank or carrying control characters (422).
    func displayName(_ key: String) throws(APIError) -> String? {
        guard let name = try string(key, maxLength: Self.maxNameLength) else { return nil }
        guard name.unicodeScalars.count <= Self.maxNameLength else {
            throw APIError(.badRequest, code: "too_long", message: "Must be at most \(Self.maxNameLength) characters.",
                           field: key)
        }
        return name
    }

    /// A password of ``passwordLengths`` characters (422 `invalid_field` naming `field` otherwise).
    func password(_ key: String, field: String) throws(APIError) -> String? {
        guard let password = try string(key, maxLength: 1024) else { return nil }
        guard Self.passwordLengths.contains(password.unicodeScalars.count) else {
            throw APIError(.unprocessableContent, code: "invalid_field",
                           message: "Must be \(Self.passwordLengths.lowerBound) to \(Self.passwordLengths.upperBound) characters.",
                           field: field)
        }
        return password
    }
}

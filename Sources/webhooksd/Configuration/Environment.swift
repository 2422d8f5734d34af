/// Typed reads of environment variables, each failure naming the variable.
struct Environment {
    /// The raw variables.
    let values: [String: String]

    /// A non-empty string, or `nil` when unset or empty.
    func string(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    /// An integer within `range`, or `fallback` when unset.
    func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws(SettingsError) -> Int {
        guard let raw = string(name) else { return fallback }
        guard let value = Int(raw), range.contains(value) else {
            throw SettingsError(name: name, problem: "must be an integer from \(range.lowerBound) to \(range.upperBound), got \"\(raw)\"")
        }
        return value
    }

    /// An integer within `range`, or `nil` when unset.
    func integer(_ name: String, range: ClosedRange<Int>) throws(SettingsError) -> Int? {
        guard string(name) != nil else { return nil }
        return try integer(name, default: range.lowerBound, range: range)
    }

    /// A boolean (`true`/`false`/`1`/`0`/`yes`/`no`), or `fallback` when unset.
    func boolean(_ name: String, default fallback: Bool) throws(SettingsError) -> Bool {
        guard let raw = string(name) else { return fallback }
        switch raw.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw SettingsError(name: name, problem: "must be true or false, got \"\(raw)\"")
        }
    }
}

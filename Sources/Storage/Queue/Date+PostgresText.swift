import Foundation
import Postgres

extension Date {
    /// The instant as `timestamptz` text, for the elements of a `text[]` parameter that SQL casts to
    /// `timestamptz[]` (the Postgres module sends arrays of strings, not of dates).
    var postgresText: String? {
        if case .text(let text) = postgresParameter { text } else { nil }
    }
}

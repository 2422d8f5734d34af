/// Which of a webhook's custom headers are sensitive, and what a masked value sent back means.
extension WebhookRules {
    /// `headers` with each one's sensitivity decided, given the webhook's `current` headers (none on create).
    ///
    /// A header is sensitive when its name is a credential (``WebhookHeader/isCredential(name:)``), when `marks`
    /// names it, or, with `marks` absent, when its current version was. A value equal to
    /// ``WebhookHeader/maskedValue`` keeps the current sensitive value of that name (what a dashboard sends back
    /// unchanged), still sensitive; so a stored credential can be replaced but never turned back into clear text.
    /// - Throws: on `sensitiveHeaders` naming no header, or a masked value with no stored value behind it.
    func checkSensitivity(_ headers: [WebhookHeader], marks: [String]?,
                          current: [WebhookHeader]) throws(WebhookValidationError) -> [WebhookHeader] {
        let names = Set(headers.map { $0.name.lowercased() })
        for (index, mark) in (marks ?? []).enumerated() where !names.contains(mark.lowercased()) {
            throw WebhookValidationError(field: "sensitiveHeaders[\(index)]", message: "names no header of this webhook")
        }
        let marked = Set((marks ?? []).map { $0.lowercased() })
        var stored: [String: WebhookHeader] = [:]
        for header in current where header.isSensitive { stored[header.name.lowercased()] = header }
        var decided: [WebhookHeader] = []
        for header in headers {
            let lower = header.name.lowercased()
            if header.sealedValue != nil {
                decided.append(header)
            } else if header.value == WebhookHeader.maskedValue {
                guard let kept = stored[lower] else {
                    throw WebhookValidationError(field: "headers.\(header.name.prefix(64))",
                                                 message: "is the masked form of a value this webhook does not have; send the value itself")
                }
                decided.append(kept.sealedValue.map { WebhookHeader(name: header.name, sealedValue: $0) }
                               ?? WebhookHeader(name: header.name, value: kept.value, isSensitive: true))
            } else {
                let sensitive = WebhookHeader.isCredential(name: header.name) || marked.contains(lower)
                    || (marks == nil && stored[lower] != nil)
                decided.append(WebhookHeader(name: header.name, value: header.value, isSensitive: sensitive))
            }
        }
        return decided
    }
}

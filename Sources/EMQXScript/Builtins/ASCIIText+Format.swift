extension ASCIIText {
    /// `format`'s answer when the template is ASCII without a carriage return and every placeholder is `{}` or
    /// `{N}` with an argument for it; nil otherwise, and the general path (which reads the template by characters
    /// and names each problem) answers.
    ///
    /// One pass over the bytes into `scratch`, each argument's text written as interpolation writes it: reading
    /// the template as an array of characters was most of a call.
    static func format(_ template: String, _ values: Slice<Arguments>, using scratch: TextScratch) -> String? {
        template.withBytes { bytes -> String? in
            let open = UInt8(ascii: "{")
            let close = UInt8(ascii: "}")
            let mark = scratch.top
            var next = 0
            var index = 0
            var copied = 0  // bytes of the template before this are in the scratch
            while index < bytes.count {
                let byte = bytes[index]
                guard isWholeCharacter(byte) else {
                    scratch.top = mark
                    return nil
                }
                guard byte == open || byte == close else {
                    index += 1
                    continue
                }
                if index + 1 < bytes.count, bytes[index + 1] == byte {
                    // `{{` and `}}` are one brace.
                    scratch.append(UnsafeBufferPointer(rebasing: bytes[copied...index]))
                    index += 2
                    copied = index
                    continue
                }
                if byte == close {
                    index += 1
                    continue
                }
                guard let placeholder = placeholder(bytes, after: index),
                    case let position = placeholder.number ?? next,
                    position < values.count
                else {
                    scratch.top = mark
                    return nil
                }
                if placeholder.number == nil { next += 1 }
                scratch.append(UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                scratch.append(display: values[values.startIndex + position])
                index = placeholder.end + 1
                copied = index
            }
            scratch.append(UnsafeBufferPointer(rebasing: bytes[copied...]))
            return scratch.string(from: mark)
        }
    }

    /// The placeholder whose `{` is at `start`: its number (nil for `{}`) and where its `}` is; nil unless it is
    /// closed and holds only a few decimal digits.
    private static func placeholder(
        _ bytes: UnsafeBufferPointer<UInt8>, after start: Int
    ) -> (number: Int?, end: Int)? {
        var end = start + 1
        var number: Int?
        while end < bytes.count, bytes[end] != UInt8(ascii: "}") {
            let digit = bytes[end] &- UInt8(ascii: "0")
            guard digit < 10, end - start <= 9 else { return nil }
            number = (number ?? 0) * 10 + Int(digit)
            end += 1
        }
        return end < bytes.count ? (number, end) : nil
    }
}

using System;
using System.Collections.Generic;

namespace Atlas.Codegen.Model;

/// <summary>
/// Every name the emitters use themselves, in one place: a name from the spec that equals one of these is renamed (with
/// ATLAS007 where the user can see it), so that generated members, locals and types never collide.
/// </summary>
internal static class ReservedNames
{
    /// <summary>Members of every generated record (object and synthesized ones) that a property must not be named like.</summary>
    public static readonly HashSet<string> RecordMembers = new(StringComparer.Ordinal)
    {
        "EqualityContract", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Deconstruct",
        "PrintMembers", "Finalize", "ReferenceEquals", "GetValidationErrors", "ValidateInto", "Patterns",
        "AdditionalProperties", "MissingRequiredProperties", NullProperties,
        // The JSON members in the type itself (JsonMembersEmitter): IAtlasJsonValue's two methods and the name tables.
        "ReadValue", "WriteValue", PropertyNames, DiscriminatorValues, "DiscriminatorText", "ReadUnknown",
    };

    /// <summary>The declared properties a record was read with as null (written back as null).</summary>
    public const string NullProperties = "NullProperties";

    /// <summary>Members of a generated open enum struct: neither a value's member nor the enum type may be named like them.</summary>
    public static readonly HashSet<string> EnumMembers = new(StringComparer.Ordinal)
    {
        "Value", "IsKnown", "KnownValues", "Equals", "GetHashCode", "ToString", "Parse", "GetType",
        "ReadValue", "WriteValue", KnownNames,
    };

    /// <summary>Parameters and locals of a generated client method: operation parameters are renamed around them.</summary>
    public static readonly HashSet<string> MethodLocals = new(StringComparer.Ordinal)
    {
        "cancellationToken", "body", "bodyValue", "url", "separator", "headers", "content", "item", "invalid", "bodyErrors",
        "requestOptions", "target", "openToken", "partItem",
    };

    /// <summary>Members of <c>JsonSerializerContext</c> that a type-info property of the generated context must not hide.</summary>
    public static readonly HashSet<string> ContextMembers = new(StringComparer.Ordinal)
    {
        "Options", "Default", "GeneratedSerializerOptions", "GetTypeInfo", "Equals", "GetHashCode", "ToString", "GetType",
    };

    /// <summary>Suffixes of the client's own types (<c>{Base}Client</c>, ...): a schema must not take these names.</summary>
    public static readonly string[] ClientTypeSuffixes =
    {
        "Client", "ClientOptions", "ApiException", "JsonContext", "Download", "DeprecationNotice", "DigestHandler",
        "ServiceAccountHandler", "ServiceCollectionExtensions", "Pageable", "Page", "Wait", "WaitOptions", "WaitException",
        "RequestOptions", "Response", "Call", "Event", "File",
    };

    /// <summary>The init property of a variant that several discriminator values map to (which value this instance is).</summary>
    public const string MultiValueDiscriminator = "DiscriminatorValue";

    /// <summary>The property of an unknown union variant holding the object as received.</summary>
    public const string RawJson = "RawJson";

    /// <summary>The prefix of a union's unknown variant: <c>Unknown{Union}</c>.</summary>
    public const string UnknownPrefix = "Unknown";

    /// <summary>The property of a choice (oneOf told apart by the JSON kind) holding a value of no member.</summary>
    public const string ChoiceOther = "Other";

    /// <summary>A choice's tables of the properties its tried object members declare and require.</summary>
    public const string TriedDeclared = "TriedDeclared", TriedRequired = "TriedRequired";

    /// <summary>A oneOf choice's count of the members an object read with several deciding properties matched.</summary>
    public const string OneOfMatches = "OneOfMatches";

    /// <summary>The name table of a type's JSON members (property names of the object it reads).</summary>
    public const string PropertyNames = "PropertyNames";

    /// <summary>The table of a union's discriminator values.</summary>
    public const string DiscriminatorValues = "DiscriminatorValues";

    /// <summary>The table of an open enum's declared values (used by its <c>ReadValue</c> and <c>IsKnown</c>).</summary>
    public const string KnownNames = "KnownNames";

    /// <summary>Members a variant adds: its properties must not be named like them (CS0102).</summary>
    public static readonly HashSet<string> VariantMembers = new(StringComparer.Ordinal) { MultiValueDiscriminator };
}

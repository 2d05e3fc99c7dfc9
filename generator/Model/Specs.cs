using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Infrastructure;

namespace Atlas.Codegen.Model;

// Pipeline values: immutable with structural equality. Only strings, enums, bools, other *Spec records and
// EquatableArray<T> may appear here (guarded by ModelGraphTests). No Roslyn or YamlDotNet object, no location
// except inside DiagnosticInfo.

/// <summary>How a value is read and written by the generated converters.</summary>
internal enum ValueKind
{
    String,
    Boolean,
    Int32,
    Int64,
    Double,
    DateTimeOffset,
    // A generated open enum (readonly struct).
    Enum,
    // A generated record or union, read by its generated converter.
    Object,
    Array,
    Map,
    // Anything: kept as a <c>System.Text.Json.JsonElement</c>.
    Json,
}

/// <summary>
/// A type reference, structurally: what it is, never how C# spells it (Emit's <c>CSharp.Type</c> renders it).
/// Scalars and <see cref="ValueKind.Json"/> are the kind alone; a generated enum or object is its namespace and
/// name; an array or map its element. Nullability belongs to where it is used (property, parameter).
/// </summary>
/// <param name="Kind">How the value is read and written.</param>
/// <param name="Namespace">For <see cref="ValueKind.Enum"/> and <see cref="ValueKind.Object"/>: the namespace of the generated type.</param>
/// <param name="Name">For <see cref="ValueKind.Enum"/> and <see cref="ValueKind.Object"/>: the generated type's name.</param>
/// <param name="Element">Element type of an array or map.</param>
internal sealed record TypeRefSpec(ValueKind Kind, string? Namespace = null, string? Name = null, TypeRefSpec? Element = null)
{
    /// <summary>True for structs (their nullable form is <c>Nullable&lt;T&gt;</c>).</summary>
    public bool IsValueType => Kind is not (ValueKind.String or ValueKind.Object or ValueKind.Array or ValueKind.Map);

    /// <summary>A generated enum or object: has a generated converter.</summary>
    public bool IsGenerated => Kind is ValueKind.Enum or ValueKind.Object;
}

/// <summary>One property of a generated record.</summary>
/// <param name="Required">Listed in the schema's <c>required</c> (checked on read only with strict reading, and never for writeOnly ones).</param>
/// <param name="InitRequired">A C# <c>required</c> member: required, neither readOnly in a request type nor deprecated.</param>
/// <param name="Nullable">The C# type is nullable (not an <c>InitRequired</c> member, or <c>nullable</c> in the schema).</param>
/// <param name="Shadows">A union variant redeclares the union's property of this JSON name with another type (C# <c>new</c>).</param>
/// <param name="TracksNull">Explicit null: assigning <c>null</c> sends <c>null</c>, leaving it unset omits it (and a read keeps which it was).</param>
/// <param name="Name">The C# property name: PascalCase, never a keyword (no <c>@</c>).</param>
internal sealed record PropertySpec(
    string JsonName,
    string Name,
    TypeRefSpec Type,
    bool Required,
    bool InitRequired,
    bool Nullable,
    string? Description,
    string? Pattern,
    bool ReadOnly,
    bool WriteOnly,
    bool Deprecated,
    bool Shadows = false,
    // nullable in the schema, optional, in a type sent in requests: null assigned is sent as null, unset is omitted.
    bool TracksNull = false);

/// <summary>The accessibility of every generated type of a document.</summary>
internal enum Accessibility
{
    Public,
    Internal,
}

internal enum TypeShape
{
    Record,
    Union,
    Enum,
    // oneOf/anyOf told apart by the JSON kind of the value, or by a required property only one object member has:
    // one record with a nullable property per member, exactly one set.
    Choice,
}

/// <summary>The kind of JSON value a member of a <see cref="TypeShape.Choice"/> reads.</summary>
internal enum JsonKind
{
    String,
    Number,
    Boolean,
    Array,
    Object,
}

/// <summary>One member of a <see cref="TypeShape.Choice"/>.</summary>
/// <param name="Name">The C# property holding a value of this member.</param>
/// <param name="Deciding">For one of several object members: the property only this member requires (its presence picks it); null for the one object member read when none is present.</param>
internal sealed record AlternativeSpec(string Name, TypeRefSpec Type, JsonKind Kind, string? Deciding, string? Description);


/// <summary>The discriminator of a union: JSON name, C# property name and type.</summary>
/// <param name="Inferred">The spec declares no discriminator: the generator inferred the property from the members' enums
/// (an object without it reads as the unknown variant instead of failing).</param>
internal sealed record DiscriminatorSpec(string JsonName, string PropertyName, TypeRefSpec Type, string? Description, bool Inferred = false);

/// <summary>One variant of a union as its converter needs it: type name, discriminator value, and its own properties.</summary>
internal sealed record VariantSpec(string TypeName, string Value, EquatableArray<PropertySpec> Properties);

internal sealed record EnumMemberSpec(string Name, string Value);

/// <summary>One generated type (record, union base or open enum) and its converter.</summary>
internal sealed record TypeSpec(
    TypeShape Kind,
    string Namespace,
    string Name,
    Accessibility Accessibility,
    string? Description,
    // Properties declared by this type (for a variant: without the inherited ones).
    EquatableArray<PropertySpec> Properties,
    // For a variant: the union it derives from.
    string? BaseName,
    // For a variant: its discriminator value.
    string? VariantValue,
    // For a variant that several discriminator values map to: all of them (then the value is a property of the instance).
    EquatableArray<string> VariantValues,
    // For a union and its variants: the discriminator.
    DiscriminatorSpec? Discriminator,
    // For a variant: the properties inherited from the union.
    EquatableArray<PropertySpec> BaseProperties,
    // For a union: its variants.
    EquatableArray<VariantSpec> Variants,
    // For a union: the name of the generated variant for unknown discriminator values.
    string? UnknownName,
    // For a union's unknown variant: the name of the property holding the raw JSON.
    string? RawJsonName,
    EquatableArray<EnumMemberSpec> EnumMembers,
    bool Deprecated,
    // For a choice: its members.
    EquatableArray<AlternativeSpec> Alternatives = default);

/// <summary>
/// The <c>JsonSerializerContext</c> of one document: a <c>JsonTypeInfo</c> per generated type, backed by the
/// generated converters, for trimmed and native AOT applications.
/// </summary>
internal sealed record ContextSpec(string Namespace, string Name, Accessibility Accessibility, EquatableArray<string> TypeNames);

/// <summary>Everything generated from one OpenAPI document.</summary>
internal sealed record ApiModel(
    string Path,
    EquatableArray<TypeSpec> Types,
    ContextSpec? Context,
    ClientSpec? Client,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>One parameter of an operation (path, query or header).</summary>
/// <param name="Name">The C# parameter name, unescaped (Emit writes a keyword with <c>@</c>).</param>
internal sealed record ParameterSpec(
    string WireName,
    string Name,
    string In,
    TypeRefSpec Type,
    bool Required,
    string? Description,
    string? Pattern);

/// <summary>One operation: becomes one async method of the client's tag group.</summary>
internal sealed record OperationSpec(
    string Group,
    string MethodName,
    string OperationId,
    string HttpMethod,
    string Path,
    EquatableArray<ParameterSpec> Parameters,
    TypeRefSpec? Body,
    bool BodyRequired,
    string? BodyDescription,
    string? RequestMediaType,
    TypeRefSpec? Result,
    string? ResponseMediaType,
    string? Summary,
    string? Description,
    EquatableArray<string> Roles,
    string? DocsUrl,
    bool Deprecated,
    // The API version the operation uses (the version part of its vendor media type), null for unversioned media types.
    string? ApiVersion = null,
    // x-sunset of the chosen version (YYYY-MM-DD), and the newest version the operation offers beyond it.
    string? Sunset = null,
    string? NewerVersion = null,
    // A success response that is not JSON (gzip, csv, octet-stream, text): its media type; the method returns a download.
    string? DownloadMediaType = null,
    // Non-JSON media types the success response also offers beside JSON: one extra download method each.
    EquatableArray<string> AlternateDownloads = default,
    // A paginated list: the method that yields every item across pages.
    PagingSpec? Paging = null);

/// <summary>How a paginated operation pages (C# names of its parameters and of the page type's properties).</summary>
/// <param name="MaxPageSize">The page size parameter's maximum, when the spec gives one.</param>
/// <param name="DefaultPageSize">The page size used when the caller gives none: the maximum, else the parameter's default, else 100.</param>
/// <param name="Rel">The expression reading a link's relation (<c>Rel</c>, or <c>Rel.ToString()</c> for an enum).</param>
internal sealed record PagingSpec(
    string PageNumber,
    string PageSize,
    int? MaxPageSize,
    int DefaultPageSize,
    string Items,
    TypeRefSpec Item,
    bool ItemsNullable,
    string? Total,
    bool TotalNullable,
    string? Links,
    string? Rel);

/// <summary>The client of one document: operations grouped by tag, errors, authentication schemes.</summary>
internal sealed record ClientSpec(
    string Namespace,
    string BaseName,
    Accessibility Accessibility,
    string DefaultServer,
    string? Title,
    EquatableArray<OperationSpec> Operations,
    TypeRefSpec? ErrorType,
    string? TokenUrl,
    bool HasDigest,
    string? EnvelopeParameter);

using System;
using System.Collections.Generic;
using System.Linq;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Infrastructure;

namespace Atlas.Codegen.Model;

// Pipeline values: immutable with structural equality. Only strings, enums, bools, other *Spec records and
// EquatableArray<T> may appear here (guarded by ModelTypeTests). No Roslyn or YamlDotNet object, no location
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
    private readonly string? _name = Name;
    private readonly TypeIdentity? _identity;

    /// <summary>A reference to a type the namer names once all its claimants are known (an inline enum): every
    /// reference shares <paramref name="identity"/>.</summary>
    public TypeRefSpec(ValueKind kind, string @namespace, TypeIdentity identity)
        : this(kind, @namespace)
        => _identity = identity;

    /// <summary>For <see cref="ValueKind.Enum"/> and <see cref="ValueKind.Object"/>: the generated type's name.</summary>
    public string? Name
    {
        get => _identity is not null ? _identity.Name : _name;
        init
        {
            _name = value;
            _identity = null;
        }
    }

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
    bool TracksNull = false,
    // an object (or array of objects) whose type validates: its ValidateInto is called.
    bool ValidatesNested = true,
    ConstraintSpec? Constraints = null,
    // the schema allows null (nullable, a "null" type, no type at all): else a null read is reported by validation.
    bool AcceptsNull = true,
    // several members of a union read as one record declare it differently: its value's own constraints (enum, bounds) are not checked.
    bool Loose = false);

/// <summary>
/// What a schema states about a value beyond its type and <c>pattern</c> (JSON Schema validation keywords), checked by
/// <c>GetValidationErrors()</c> and before a request is sent. Bounds are the spec's JSON number text; the 3.0 boolean
/// <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c> are already turned into the 3.1 numeric form. Only the keywords of the
/// value's kind are checked (lengths on strings, bounds on numbers, counts on arrays and maps).
/// </summary>
/// <param name="Items">The constraints of each item of an array or value of a map, with <paramref name="ItemPattern"/>.</param>
/// <param name="Schema">For a value kept as JSON (<see cref="ValueKind.Json"/>), instead of the other members: its whole
/// schema as JSON (validation keywords only, <c>$ref</c>s inlined), checked by the runtime's <c>AtlasSchema</c>.</param>
internal sealed record ConstraintSpec(
    string? Minimum = null,
    string? ExclusiveMinimum = null,
    string? Maximum = null,
    string? ExclusiveMaximum = null,
    string? MultipleOf = null,
    int? MinLength = null,
    int? MaxLength = null,
    int? MinItems = null,
    int? MaxItems = null,
    bool UniqueItems = false,
    int? MinProperties = null,
    int? MaxProperties = null,
    ConstraintSpec? Items = null,
    string? ItemPattern = null,
    string? Schema = null)
{
    /// <summary>Any number keyword.</summary>
    public bool HasNumber
        => Minimum is not null || ExclusiveMinimum is not null || Maximum is not null || ExclusiveMaximum is not null || MultipleOf is not null;

    /// <summary>Any string keyword (besides the value's own pattern).</summary>
    public bool HasLength => MinLength is not null || MaxLength is not null;
}

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
/// <param name="Deciding">For one of several object members: the property only this member requires (its presence picks
/// it); null for the one object member read when none is present.</param>
/// <param name="Declared">For one of several object members that no deciding property tells apart: the JSON names it
/// declares (with <see cref="Required"/>, they rank the members an object is tried as).</param>
internal sealed record AlternativeSpec(string Name, TypeRefSpec Type, JsonKind Kind, string? Deciding, string? Description, bool ValidatesNested = true)
{
    public EquatableArray<string> Declared { get; init; } = EquatableArray<string>.Empty;

    public EquatableArray<string> Required { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Tried in turn with the other such members (several object members that nothing tells apart).</summary>
    public bool IsTried { get; init; }

    /// <summary>For a member that is itself a choice: every JSON kind it reads, a bit per <see cref="JsonKind"/> (0: <see cref="Kind"/> alone).</summary>
    public int SeveralKinds { get; init; }

    /// <summary>The JSON kinds this member reads.</summary>
    public IEnumerable<JsonKind> AllKinds() => SeveralKinds == 0 ? new[] { Kind }
        : ((JsonKind[])Enum.GetValues(typeof(JsonKind))).Where(k => (SeveralKinds & (1 << (int)k)) != 0);
}


/// <summary>The discriminator of a union: JSON name, C# property name and type.</summary>
/// <param name="Inferred">The spec declares no discriminator: the generator inferred the property from the members' enums
/// (an object without it reads as the unknown variant instead of failing).</param>
internal sealed record DiscriminatorSpec(string JsonName, string PropertyName, TypeRefSpec Type, string? Description, bool Inferred = false);

/// <summary>One variant of a union as its converter needs it: type name, discriminator value, and its own properties.</summary>
/// <summary>A variant of a union: its type and the discriminator value that selects it.</summary>
internal sealed record VariantSpec(string TypeName, string Value);

internal sealed record EnumMemberSpec(string Name, string Value);

/// <summary>One generated type (record, union base or open enum) and its converter.</summary>
internal sealed record TypeSpec
{
    public TypeShape Kind { get; init; }

    public string Namespace { get; init; } = "";

    public string Name { get; init; } = "";

    public Accessibility Accessibility { get; init; }

    public string? Description { get; init; }

    /// <summary>For a record whose schema says what other properties may be (<c>additionalProperties</c> false or a
    /// schema) or requires properties it does not declare: those rules as JSON, checked against the kept
    /// <c>AdditionalProperties</c> by the runtime's <c>AtlasSchema</c>.</summary>
    public string? ExtrasSchema { get; init; }

    /// <summary>Properties declared by this type (for a variant: without the inherited ones).</summary>
    public EquatableArray<PropertySpec> Properties { get; init; } = EquatableArray<PropertySpec>.Empty;

    /// <summary>For a variant: the union it derives from.</summary>
    public string? BaseName { get; init; }

    /// <summary>For a variant: its discriminator value.</summary>
    public string? VariantValue { get; init; }

    /// <summary>For a variant that several discriminator values map to: all of them (then the value is a property of the instance).</summary>
    public EquatableArray<string> VariantValues { get; init; } = EquatableArray<string>.Empty;

    /// <summary>For a union and its variants: the discriminator.</summary>
    public DiscriminatorSpec? Discriminator { get; init; }

    /// <summary>For a variant: the properties inherited from the union.</summary>
    public EquatableArray<PropertySpec> BaseProperties { get; init; } = EquatableArray<PropertySpec>.Empty;

    /// <summary>For a union: its variants.</summary>
    public EquatableArray<VariantSpec> Variants { get; init; } = EquatableArray<VariantSpec>.Empty;

    /// <summary>For a union: the name of the generated variant for unknown discriminator values.</summary>
    public string? UnknownName { get; init; }

    /// <summary>For a union's unknown variant: the name of the property holding the raw JSON.</summary>
    public string? RawJsonName { get; init; }

    /// <summary>For an open enum: its members.</summary>
    public EquatableArray<EnumMemberSpec> EnumMembers { get; init; } = EquatableArray<EnumMemberSpec>.Empty;

    public bool Deprecated { get; init; }

    /// <summary>For a choice: its members.</summary>
    public EquatableArray<AlternativeSpec> Alternatives { get; init; } = EquatableArray<AlternativeSpec>.Empty;

    /// <summary>A choice from <c>oneOf</c> with several object members told apart by deciding properties: an object with
    /// more than one of them present is checked against each (exactly one must match).</summary>
    public bool ExactlyOne { get; init; }

    /// <summary>An <see cref="ExactlyOne"/> choice that keeps every member of its union and reads each member's whole
    /// kind (no date-time or 32-bit member): a value in <c>Other</c> then matches none, and validation says so.</summary>
    public bool ReportsOther { get; init; }

    /// <summary>
    /// The type has constraints to check (required, patterns), itself or in values it holds; false for a plain record or
    /// choice that has none: it gets no validation code (<c>GetValidationErrors()</c> returns the shared empty list).
    /// Union bases and variants always validate (the virtual method is shared by the hierarchy).
    /// </summary>
    public bool Validates { get; init; } = true;
}

/// <summary>
/// The <c>JsonSerializerContext</c> of one document: a <c>JsonTypeInfo</c> per generated type, backed by the
/// generated converters, for trimmed and native AOT applications.
/// </summary>
internal sealed record ContextSpec(string Namespace, string Name, Accessibility Accessibility, EquatableArray<ContextEntrySpec> Entries);

/// <summary>A type of the JSON context and the name of its metadata property (the type's name, or with <c>TypeInfo</c>
/// appended when that is a member of <c>JsonSerializerContext</c> or the context itself).</summary>
internal sealed record ContextEntrySpec(string TypeName, string PropertyName);

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
    string? Pattern,
    string Style = "simple",
    bool Explode = false,
    ConstraintSpec? Constraints = null,
    string? ContentType = null);

/// <summary>One operation: becomes one async method of the client's tag group.</summary>
internal sealed record OperationSpec
{
    /// <summary>The tag group (a property of the client) the method belongs to.</summary>
    public string Group { get; init; } = "";

    public string MethodName { get; init; } = "";

    public string OperationId { get; init; } = "";

    public string HttpMethod { get; init; } = "";

    public string Path { get; init; } = "";

    public EquatableArray<ParameterSpec> Parameters { get; init; } = EquatableArray<ParameterSpec>.Empty;

    public TypeRefSpec? Body { get; init; }

    public bool BodyRequired { get; init; }

    /// <summary>For a body that is not a record (an array, a scalar, a JSON value): the constraints its schema states.</summary>
    public ConstraintSpec? BodyConstraints { get; init; }

    public string? BodyDescription { get; init; }

    public string? RequestMediaType { get; init; }

    /// <summary>How the body is sent: JSON, form fields, text or a stream of bytes.</summary>
    public BodyEncoding BodyEncoding { get; init; }

    /// <summary>For a form body: the properties its <c>encoding</c> sends as <c>deepObject</c> (<c>name[key]=value</c>).</summary>
    public EquatableArray<string> DeepObjectFields { get; init; } = EquatableArray<string>.Empty;

    public TypeRefSpec? Result { get; init; }

    public string? ResponseMediaType { get; init; }

    public string? Summary { get; init; }

    public string? Description { get; init; }

    public EquatableArray<string> Roles { get; init; } = EquatableArray<string>.Empty;

    public string? DocsUrl { get; init; }

    public bool Deprecated { get; init; }

    /// <summary>The API version the operation uses (the version part of its vendor media type), null for unversioned media types.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>x-sunset of the chosen version (YYYY-MM-DD).</summary>
    public string? Sunset { get; init; }

    /// <summary>The newest version the operation offers beyond the chosen one.</summary>
    public string? NewerVersion { get; init; }

    /// <summary>A success response that is not JSON (gzip, csv, octet-stream, text): its media type; the method returns a download.</summary>
    public string? DownloadMediaType { get; init; }

    /// <summary>For a <c>text/event-stream</c> success response: the type of each event's data (its schema's, else text).</summary>
    public TypeRefSpec? EventData { get; init; }

    /// <summary>Non-JSON media types the success response also offers beside JSON: one extra download method each.</summary>
    public EquatableArray<AlternateDownloadSpec> AlternateDownloads { get; init; } = EquatableArray<AlternateDownloadSpec>.Empty;

    /// <summary>A paginated list: the method that yields every item across pages.</summary>
    public PagingSpec? Paging { get; init; }
}

/// <summary>How a paginated operation pages (C# names of its parameters and of the page type's properties).</summary>
/// <param name="MaxPageSize">The page size parameter's maximum, when the spec gives one.</param>
/// <param name="DefaultPageSize">The page size used when the caller gives none: the maximum, else the parameter's default, else 100.</param>
/// <param name="Rel">The link type's property holding its relation (a string or an open enum).</param>
/// <param name="RelIsEnum">The relation is an open enum (compared by its text).</param>
/// <param name="RelNullable">The relation property is nullable.</param>
/// <param name="MethodName">The client method that yields every item across pages (<c>ListAllGroupsAsync</c>).</param>
/// <param name="SizeParameter">That method's page-size parameter (<c>pageSize</c>, numbered when the operation has one of that name).</param>
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
    string? Rel,
    bool RelIsEnum,
    bool RelNullable,
    string MethodName,
    string SizeParameter);

/// <summary>A non-JSON media type an operation's success response offers beside JSON, and the client method that asks for it.</summary>
internal sealed record AlternateDownloadSpec(string MediaType, string MethodName);

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
    string? EnvelopeParameter)
{
    /// <summary>The response headers the operations declare: a typed accessor each on the raw response.</summary>
    public EquatableArray<ResponseHeaderSpec> ResponseHeaders { get; init; } = EquatableArray<ResponseHeaderSpec>.Empty;
}

/// <summary>A response header some operation declares: its name on the wire, the accessor's name and type.</summary>
internal sealed record ResponseHeaderSpec(string WireName, string PropertyName, ValueKind Kind, string? Description);

/// <summary>
/// The identity of a generated type, handed out by the namer before anything refers to it and named by it once (see
/// <c>TypeNamer</c>); reading the name before that is a bug of the builder and throws rather than emit a wrong name.
/// Equal by name.
/// </summary>
internal sealed class TypeIdentity : IEquatable<TypeIdentity>
{
    private string? _name;

    public string Name => _name ?? throw new InvalidOperationException("a type was referred to by name before the namer named it");

    public void Settle(string name)
    {
        if (_name is not null) throw new InvalidOperationException("the type '" + _name + "' is named twice");
        _name = name;
    }

    public bool Equals(TypeIdentity? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as TypeIdentity);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);
}

/// <summary>How an operation's request body is written.</summary>
internal enum BodyEncoding
{
    /// <summary>JSON (the body's generated type).</summary>
    Json,

    /// <summary><c>application/x-www-form-urlencoded</c>: the body's record as form fields (OpenAPI's form style, exploded).</summary>
    Form,

    /// <summary><c>text/*</c>: a string, UTF-8.</summary>
    Text,

    /// <summary>Any other media type (<c>application/octet-stream</c>, images, archives): a stream, sent as it is read.</summary>
    Binary,

    /// <summary><c>multipart/form-data</c>: one parameter per part (<c>in: part</c>) when the schema declares properties, else the
    /// caller's <c>MultipartFormDataContent</c>.</summary>
    Multipart,
}

using System.Reflection.Metadata;

namespace Locus.Architecture.Tests.Analysis;

/// <summary>
/// The type definitions of one assembly: their names, which ones the compiler made up (and so are not checked), and
/// how a reference by name (a type reference scoped to this module, a type name inside an attribute blob) resolves
/// back to a definition.
/// </summary>
internal sealed class LocalTypes
{
    private readonly MetadataReader _reader;
    private readonly Dictionary<string, TypeDefinitionHandle> _byFullName = new(StringComparer.Ordinal);
    private readonly HashSet<TypeDefinitionHandle> _ignored = [];

    public LocalTypes(MetadataReader reader)
    {
        _reader = reader;
        foreach (var handle in reader.TypeDefinitions)
        {
            _byFullName[FullName(handle)] = handle;
            if (IsCompilerInfrastructure(handle))
            {
                _ignored.Add(handle);
            }
        }
    }

    /// <summary>Types that belong to no namespace a developer wrote: &lt;Module&gt;,
    /// &lt;PrivateImplementationDetails&gt;, anonymous types, and the attributes the compiler embeds
    /// (NullableAttribute, RefSafetyRulesAttribute, ... marked [Microsoft.CodeAnalysis.Embedded]). Lambdas' closures,
    /// iterators and async state machines are nested types and are counted with the type that declares them.</summary>
    public bool IsIgnored(TypeDefinitionHandle handle) => _ignored.Contains(Outermost(handle));

    /// <summary>The namespace a type counts in: a nested type counts in its outermost declaring type's namespace.</summary>
    public string NamespaceOf(TypeDefinitionHandle handle) =>
        _reader.GetString(_reader.GetTypeDefinition(Outermost(handle)).Namespace);

    /// <summary>The type as a developer names it: compiler-generated nested types (&lt;&gt;c, display classes, state
    /// machines) are shown as the type that declares them.</summary>
    public TypeName Describe(TypeDefinitionHandle handle)
    {
        var definition = _reader.GetTypeDefinition(handle);
        while (_reader.GetString(definition.Name).StartsWith('<') && definition.GetDeclaringType() is { IsNil: false } declaring)
        {
            handle = declaring;
            definition = _reader.GetTypeDefinition(handle);
        }

        var name = _reader.GetString(definition.Name);
        for (var outer = definition.GetDeclaringType(); !outer.IsNil; outer = _reader.GetTypeDefinition(outer).GetDeclaringType())
        {
            name = _reader.GetString(_reader.GetTypeDefinition(outer).Name) + "+" + name;
        }

        return new TypeName(NamespaceOf(handle), name);
    }

    /// <summary>A type reference that points back into this module (rare in C# output, but legal), else null.</summary>
    public TypeDefinitionHandle? Resolve(TypeReferenceHandle handle)
    {
        var reference = _reader.GetTypeReference(handle);
        var name = _reader.GetString(reference.Name);
        var scope = reference.ResolutionScope;
        switch (scope.Kind)
        {
            case HandleKind.ModuleDefinition:
                var ns = _reader.GetString(reference.Namespace);
                return Find(ns.Length == 0 ? name : $"{ns}.{name}");
            case HandleKind.TypeReference:
                return Resolve((TypeReferenceHandle)scope) is { } outer ? Find($"{FullName(outer)}+{name}") : null;
            default:
                return null;
        }
    }

    /// <summary>A definition by its metadata name (<c>Namespace.Outer+Inner</c>), as attribute blobs spell types.</summary>
    public TypeDefinitionHandle? Find(string fullName) =>
        _byFullName.TryGetValue(fullName, out var handle) ? handle : null;

    private TypeDefinitionHandle Outermost(TypeDefinitionHandle handle)
    {
        for (var declaring = _reader.GetTypeDefinition(handle).GetDeclaringType(); !declaring.IsNil;
             declaring = _reader.GetTypeDefinition(handle).GetDeclaringType())
        {
            handle = declaring;
        }

        return handle;
    }

    /// <summary>The metadata name: <c>Namespace.Outer+Inner</c>.</summary>
    public string FullName(TypeDefinitionHandle handle)
    {
        var definition = _reader.GetTypeDefinition(handle);
        var name = _reader.GetString(definition.Name);
        var declaring = definition.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return $"{FullName(declaring)}+{name}";
        }

        var ns = _reader.GetString(definition.Namespace);
        return ns.Length == 0 ? name : $"{ns}.{name}";
    }

    private bool IsCompilerInfrastructure(TypeDefinitionHandle handle)
    {
        var definition = _reader.GetTypeDefinition(handle);
        if (!definition.GetDeclaringType().IsNil)
        {
            return false;
        }

        if (definition.Namespace.IsNil && _reader.GetString(definition.Name).StartsWith('<'))
        {
            return true;
        }

        return definition.GetCustomAttributes().Any(a => AttributeTypeIs(_reader.GetCustomAttribute(a), "Microsoft.CodeAnalysis", "EmbeddedAttribute"));
    }

    private bool AttributeTypeIs(CustomAttribute attribute, string ns, string name)
    {
        var parent = attribute.Constructor.Kind switch
        {
            HandleKind.MethodDefinition => (EntityHandle)_reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
            HandleKind.MemberReference => _reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
            _ => default,
        };
        return parent.Kind switch
        {
            HandleKind.TypeDefinition => Is(_reader.GetTypeDefinition((TypeDefinitionHandle)parent).Namespace, _reader.GetTypeDefinition((TypeDefinitionHandle)parent).Name),
            HandleKind.TypeReference => Is(_reader.GetTypeReference((TypeReferenceHandle)parent).Namespace, _reader.GetTypeReference((TypeReferenceHandle)parent).Name),
            _ => false,
        };

        bool Is(StringHandle typeNamespace, StringHandle typeName) =>
            _reader.StringComparer.Equals(typeNamespace, ns) && _reader.StringComparer.Equals(typeName, name);
    }
}

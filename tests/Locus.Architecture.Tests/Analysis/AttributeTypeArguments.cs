using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace Locus.Architecture.Tests.Analysis;

/// <summary>
/// Finds the types an attribute names through <c>typeof</c> arguments (<c>[JsonSerializable(typeof(X))]</c>): the
/// blob spells them as serialized names, which are looked up among the assembly's own types.
/// </summary>
internal sealed class AttributeTypeArguments(MetadataReader reader, LocalTypes locals) : ICustomAttributeTypeProvider<string>
{
    private const string SystemType = "System.Type";

    public IEnumerable<TypeDefinitionHandle> Read(CustomAttribute attribute)
    {
        CustomAttributeValue<string> value;
        try
        {
            value = attribute.DecodeValue(this);
        }
        catch (BadImageFormatException)
        {
            // An enum argument whose type lives in another assembly is assumed to be int-sized (it is for every
            // enum these attributes take); a wrong guess shows here, and such an attribute names no local type.
            return [];
        }

        var found = new List<TypeDefinitionHandle>();
        foreach (var argument in value.FixedArguments.Concat(value.NamedArguments.Select(n => new CustomAttributeTypedArgument<string>(n.Type, n.Value))))
        {
            Collect(argument, found);
        }

        return found;
    }

    private void Collect(CustomAttributeTypedArgument<string> argument, List<TypeDefinitionHandle> found)
    {
        if (argument.Value is ImmutableArray<CustomAttributeTypedArgument<string>> elements)
        {
            foreach (var element in elements)
            {
                Collect(element, found);
            }
        }
        else if (argument.Type == SystemType && argument.Value is string serialized)
        {
            // "Ns.Outer+Inner, Assembly, Version=..." or "List`1[[Ns.T, Assembly, ...]], System.Private.CoreLib, ...":
            // every piece between the separators is tried as a type name; assembly qualifiers match no type.
            foreach (var piece in serialized.Split(['[', ']', ',', '&', '*', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                if (locals.Find(piece) is { } definition)
                {
                    found.Add(definition);
                }
            }
        }
    }

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

    public string GetSystemType() => SystemType;

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        locals.FullName(handle);

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        var reference = reader.GetTypeReference(handle);
        return $"{reader.GetString(reference.Namespace)}.{reader.GetString(reference.Name)}";
    }

    public string GetTypeFromSerializedName(string name) => name;

    public PrimitiveTypeCode GetUnderlyingEnumType(string type)
    {
        // Serialized names may carry an assembly qualifier; enums of other assemblies are taken to be int-sized.
        var local = locals.Find(type.Split(',')[0].Trim());
        return local is { } handle ? EnumStorage(reader.GetTypeDefinition(handle)) : PrimitiveTypeCode.Int32;
    }

    public bool IsSystemType(string type) => type is SystemType or "System.Type[]";

    private PrimitiveTypeCode EnumStorage(TypeDefinition definition)
    {
        // An enum's one instance field, value__, has the underlying primitive type.
        foreach (var fieldHandle in definition.GetFields())
        {
            var field = reader.GetFieldDefinition(fieldHandle);
            if ((field.Attributes & System.Reflection.FieldAttributes.Static) == 0)
            {
                var blob = reader.GetBlobReader(field.Signature);
                blob.ReadSignatureHeader();
                return (PrimitiveTypeCode)blob.ReadByte();
            }
        }

        return PrimitiveTypeCode.Int32;
    }
}

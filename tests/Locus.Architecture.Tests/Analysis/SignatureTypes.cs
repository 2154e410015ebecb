using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Locus.Architecture.Tests.Analysis;

/// <summary>The decoder's type value: the collector records what it meets in <see cref="SignatureTypes.Found"/>
/// instead of building a type, because only "which types of this assembly occur" matters here.</summary>
internal readonly record struct Unit;

/// <summary>
/// Decodes signature blobs (fields, methods, properties, locals, type specifications, method instantiations) and
/// records every type definition of the assembly they mention, generic arguments and custom modifiers included.
/// </summary>
internal sealed class SignatureTypes : ISignatureTypeProvider<Unit, object?>
{
    private readonly MetadataReader _reader;
    private readonly LocalTypes _locals;
    private readonly SignatureDecoder<Unit, object?> _decoder;

    public SignatureTypes(MetadataReader reader, LocalTypes locals)
    {
        _reader = reader;
        _locals = locals;
        _decoder = new(this, reader, genericContext: null);
    }

    public HashSet<TypeDefinitionHandle> Found { get; } = [];

    /// <summary>Any signature blob: its header says whether it is a field, method, property, locals or method
    /// instantiation signature.</summary>
    public void Signature(BlobHandle signature)
    {
        var blob = _reader.GetBlobReader(signature);
        var header = blob.ReadSignatureHeader();
        blob.Reset();
        switch (header.Kind)
        {
            case SignatureKind.Method:
            case SignatureKind.Property:
                _decoder.DecodeMethodSignature(ref blob);
                break;
            case SignatureKind.Field:
                _decoder.DecodeFieldSignature(ref blob);
                break;
            case SignatureKind.LocalVariables:
                _decoder.DecodeLocalSignature(ref blob);
                break;
            case SignatureKind.MethodSpecification:
                _decoder.DecodeMethodSpecificationSignature(ref blob);
                break;
            default:
                throw new BadImageFormatException($"Unexpected signature kind {header.Kind}.");
        }
    }

    public void TypeSpecification(TypeSpecificationHandle handle)
    {
        var blob = _reader.GetBlobReader(_reader.GetTypeSpecification(handle).Signature);
        _decoder.DecodeType(ref blob);
    }

    public Unit GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        Found.Add(handle);
        return default;
    }

    public Unit GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        if (_locals.Resolve(handle) is { } definition)
        {
            Found.Add(definition);
        }

        return default;
    }

    public Unit GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
    {
        TypeSpecification(handle);
        return default;
    }

    public Unit GetArrayType(Unit elementType, ArrayShape shape) => default;

    public Unit GetByReferenceType(Unit elementType) => default;

    public Unit GetFunctionPointerType(MethodSignature<Unit> signature) => default;

    public Unit GetGenericInstantiation(Unit genericType, ImmutableArray<Unit> typeArguments) => default;

    public Unit GetGenericMethodParameter(object? genericContext, int index) => default;

    public Unit GetGenericTypeParameter(object? genericContext, int index) => default;

    public Unit GetModifiedType(Unit modifier, Unit unmodifiedType, bool isRequired) => default;

    public Unit GetPinnedType(Unit elementType) => default;

    public Unit GetPointerType(Unit elementType) => default;

    public Unit GetPrimitiveType(PrimitiveTypeCode typeCode) => default;

    public Unit GetSZArrayType(Unit elementType) => default;
}

package dev.sequences.jooq;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jooq.conf.Settings;
import org.jspecify.annotations.Nullable;

/**
 * Whether two {@link Settings} are equal, as {@link Settings#equals} says, at a thirtieth of its
 * cost. jOOQ's {@code Settings.equals} is larger than the 8,000 bytes of bytecode that HotSpot
 * compiles ({@code -XX:+DontCompileHugeMethods}, the default), so it always runs in the
 * interpreter: about 3 µs per call, against 0.1 µs here. The render cache compares the caller's
 * settings on every call.
 *
 * <p><b>Generated</b> by {@code SameSettingsSource} (in the tests) from jOOQ's {@code Settings}:
 * one comparison per getter. If the {@code Settings} on the class path has other getters than these
 * (another jOOQ version), {@link #same} falls back to {@code Settings.equals}, so a setting is
 * never left out; {@code SameSettingsTest} fails until the file is generated again. Getters compare
 * what {@code equals} compares (a list setting that is null and one that is empty are the same to
 * both). The list settings are read from their fields where jOOQ lets this class reach them (on the
 * class path; on the module path if jOOQ's module opens {@code org.jooq.conf}): jOOQ's getters make
 * an empty list on a settings object that has none, which would be a write to the caller's
 * settings, shared by every thread that uses its configuration. Where the fields cannot be reached,
 * the getters are called.
 */
final class SameSettings {

  /** The getters compared, by name. */
  static final List<String> GETTERS =
      List.of(
          "getBackslashEscaping",
          "getBatchSize",
          "getCacheParsingConnectionLRUCacheSize",
          "getCacheRecordMappersLRUCacheSize",
          "getDelimiter",
          "getDiagnosticsConnection",
          "getEmulateMultiset",
          "getExecuteDeleteWithoutWhere",
          "getExecuteListenerEndInvocationOrder",
          "getExecuteListenerStartInvocationOrder",
          "getExecuteUpdateWithoutWhere",
          "getFetchIntermediateResult",
          "getFetchServerOutputSize",
          "getFetchSize",
          "getFetchTriggerValuesAfterReturning",
          "getInListPadBase",
          "getInlineThreshold",
          "getInterpreterDialect",
          "getInterpreterLocale",
          "getInterpreterNameLookupCaseSensitivity",
          "getInterpreterQuotedNames",
          "getInterpreterSearchPath",
          "getInterpreterWithMetaLookups",
          "getLargeMaxRows",
          "getLocale",
          "getMaxRows",
          "getMigrationDefaultContentType",
          "getMigrationDefaultSchema",
          "getMigrationHistorySchema",
          "getMigrationListenerEndInvocationOrder",
          "getMigrationListenerStartInvocationOrder",
          "getMigrationSchemata",
          "getNameMaxLength",
          "getNamePathSeparator",
          "getParamCastMode",
          "getParamType",
          "getParseAppendMissingTableReferences",
          "getParseDateFormat",
          "getParseDialect",
          "getParseIgnoreCommentStart",
          "getParseIgnoreCommentStop",
          "getParseLocale",
          "getParseNameCase",
          "getParseNamedParamPrefix",
          "getParsePlainSQLTemplateCommentStart",
          "getParsePlainSQLTemplateCommentStop",
          "getParseRawSQLCommentStart",
          "getParseRawSQLCommentStop",
          "getParseSearchPath",
          "getParseTimestampFormat",
          "getParseUnknownFunctions",
          "getParseUnsupportedSyntax",
          "getParseWithMetaLookups",
          "getQueryPoolable",
          "getQueryTimeout",
          "getReadonlyInsert",
          "getReadonlyTableRecordInsert",
          "getReadonlyUpdatableRecordUpdate",
          "getReadonlyUpdate",
          "getRecordDirtyTracking",
          "getRecordListenerEndInvocationOrder",
          "getRecordListenerStartInvocationOrder",
          "getRedact",
          "getReflectionCacheLRUCacheSize",
          "getRenderAutoAliasedDerivedTableExpressions",
          "getRenderDefaultNullability",
          "getRenderDollarQuotedStringToken",
          "getRenderFormatting",
          "getRenderImplicitJoinToManyType",
          "getRenderImplicitJoinType",
          "getRenderImplicitWindowRange",
          "getRenderKeywordCase",
          "getRenderKeywordStyle",
          "getRenderLocale",
          "getRenderMapping",
          "getRenderNameCase",
          "getRenderNameStyle",
          "getRenderNamedParamPrefix",
          "getRenderOptionalAsKeywordForFieldAliases",
          "getRenderOptionalAsKeywordForTableAliases",
          "getRenderOptionalAssociativityParentheses",
          "getRenderOptionalInnerKeyword",
          "getRenderOptionalOuterKeyword",
          "getRenderQuotedNames",
          "getRenderTable",
          "getStatementType",
          "getThrowExceptions",
          "getTransactionListenerEndInvocationOrder",
          "getTransactionListenerStartInvocationOrder",
          "getTransformGroupByColumnIndex",
          "getTransformInConditionSubqueryWithLimitToDerivedTable",
          "getTransformInlineCTE",
          "getTransformQualify",
          "getTransformRownum",
          "getTransformUnneededArithmeticExpressions",
          "getUpdateUnchangedRecords",
          "getVisitListenerEndInvocationOrder",
          "getVisitListenerStartInvocationOrder",
          "getWarnOnStaticTypeRegistryAccess",
          "isApplyWorkaroundFor7962",
          "isAttachRecords",
          "isBindLocalTimeType",
          "isBindOffsetDateTimeType",
          "isBindOffsetTimeType",
          "isCacheParsingConnection",
          "isCachePreparedStatementInLoader",
          "isCacheRecordMappers",
          "isComputedOnClientStored",
          "isComputedOnClientVirtual",
          "isDebugInfoOnStackTrace",
          "isDiagnosticsConcatenationInPredicate",
          "isDiagnosticsConsecutiveAggregation",
          "isDiagnosticsDuplicateStatements",
          "isDiagnosticsDuplicateStatementsUsingTransformPatterns",
          "isDiagnosticsIncompleteEquiJoin",
          "isDiagnosticsLogging",
          "isDiagnosticsMissingWasNullCall",
          "isDiagnosticsNullCondition",
          "isDiagnosticsPatterns",
          "isDiagnosticsPossiblyWrongExpression",
          "isDiagnosticsRepeatedStatements",
          "isDiagnosticsTooManyColumnsFetched",
          "isDiagnosticsTooManyRowsFetched",
          "isDiagnosticsTrivialCondition",
          "isDiagnosticsUnnecessaryWasNullCall",
          "isEmulateComputedColumns",
          "isEmulateNestedRecordProjectionsUsingMultisetEmulation",
          "isEmulateOnDuplicateKeyUpdateOnPrimaryKeyOnly",
          "isExecuteLogging",
          "isExecuteLoggingSQLExceptions",
          "isExecuteWithOptimisticLocking",
          "isExecuteWithOptimisticLockingExcludeUnversioned",
          "isFetchTriggerValuesAfterSQLServerOutput",
          "isFetchTrimmedCharValues",
          "isFetchWarnings",
          "isForceIntegerTypesOnZeroScaleDecimals",
          "isInListPadding",
          "isInsertUnchangedRecords",
          "isInterpreterDelayForeignKeyDeclarations",
          "isMapConstructorParameterNames",
          "isMapConstructorParameterNamesInKotlin",
          "isMapConstructorPropertiesParameterNames",
          "isMapJPAAnnotations",
          "isMapRecordComponentParameterNames",
          "isMetaIncludeSystemIndexes",
          "isMetaIncludeSystemSequences",
          "isMigrationAllowInvalidCommits",
          "isMigrationAllowRename",
          "isMigrationAllowRenameColumns",
          "isMigrationAllowRenameConstraints",
          "isMigrationAllowRenameIndexes",
          "isMigrationAllowRenameTables",
          "isMigrationAllowUndo",
          "isMigrationAutoVerification",
          "isMigrationHistorySchemaCreateSchemaIfNotExists",
          "isMigrationIgnoreDefaultTimestampPrecisionDiffs",
          "isMigrationIgnoreImplicitPrimaryKeyNotNullConstraints",
          "isMigrationIgnoreUnnamedConstraintDiffs",
          "isMigrationIgnoreUnparsedDiffs",
          "isMigrationRevertUntracked",
          "isMigrationSchemataCreateSchemaIfNotExists",
          "isNameAutoAliasingIfMaxLengthExceeded",
          "isParseIgnoreComments",
          "isParseIgnoreCommercialOnlyFeatures",
          "isParseMetaDefaultExpressions",
          "isParseMetaViewSources",
          "isParsePlainSQLTemplateComments",
          "isParseRawSQLComments",
          "isParseRetainCommentsBetweenQueries",
          "isParseSetCommands",
          "isReflectionCaching",
          "isRenderCatalog",
          "isRenderCoalesceToEmptyStringInConcat",
          "isRenderFormatted",
          "isRenderGroupConcatMaxLenSessionVariable",
          "isRenderNullifEmptyStringForBindValues",
          "isRenderOrderByRownumberForEmulatedPagination",
          "isRenderOutputForSQLServerReturningClause",
          "isRenderParenthesisAroundSetOperationQueries",
          "isRenderPlainSQLTemplatesAsRaw",
          "isRenderRedundantConditionForSeekClause",
          "isRenderRowConditionForSeekClause",
          "isRenderScalarSubqueriesForStoredFunctions",
          "isRenderSchema",
          "isRenderVariablesInDerivedTablesForEmulations",
          "isReturnAllOnUpdatableRecord",
          "isReturnComputedOnUpdatableRecord",
          "isReturnDefaultOnUpdatableRecord",
          "isReturnIdentityOnUpdatableRecord",
          "isReturnRecordToPojo",
          "isTransformAnsiJoinToTableLists",
          "isTransformInlineBindValuesForFieldComparisons",
          "isTransformPatterns",
          "isTransformPatternsAndNeToNotIn",
          "isTransformPatternsArithmeticComparisons",
          "isTransformPatternsArithmeticExpressions",
          "isTransformPatternsBitGet",
          "isTransformPatternsBitNotBitNand",
          "isTransformPatternsBitNotBitNor",
          "isTransformPatternsBitNotBitNot",
          "isTransformPatternsBitNotBitXNor",
          "isTransformPatternsBitSet",
          "isTransformPatternsCaseDistinctToDecode",
          "isTransformPatternsCaseElseNull",
          "isTransformPatternsCaseMergeWhenElse",
          "isTransformPatternsCaseMergeWhenWhen",
          "isTransformPatternsCaseSearchedToCaseSimple",
          "isTransformPatternsCaseToCaseAbbreviation",
          "isTransformPatternsCountConstant",
          "isTransformPatternsCountDistinctMultipleRedundant",
          "isTransformPatternsDistinctFromNull",
          "isTransformPatternsEmptyScalarSubquery",
          "isTransformPatternsFlattenCase",
          "isTransformPatternsFlattenCaseAbbreviation",
          "isTransformPatternsFlattenDecode",
          "isTransformPatternsHyperbolicFunctions",
          "isTransformPatternsIdempotentFunctionRepetition",
          "isTransformPatternsInverseHyperbolicFunctions",
          "isTransformPatternsLogarithmicFunctions",
          "isTransformPatternsLogging",
          "isTransformPatternsMergeAndComparison",
          "isTransformPatternsMergeBetweenSymmetricPredicates",
          "isTransformPatternsMergeInLists",
          "isTransformPatternsMergeOrComparison",
          "isTransformPatternsMergeRangePredicates",
          "isTransformPatternsNegNeg",
          "isTransformPatternsNormaliseAssociativeOps",
          "isTransformPatternsNormaliseCoalesceToNvl",
          "isTransformPatternsNormaliseFieldCompareValue",
          "isTransformPatternsNormaliseInListSingleElementToComparison",
          "isTransformPatternsNotAnd",
          "isTransformPatternsNotComparison",
          "isTransformPatternsNotNot",
          "isTransformPatternsNotNotDistinct",
          "isTransformPatternsNotOr",
          "isTransformPatternsNullOnNullInput",
          "isTransformPatternsOrEqToIn",
          "isTransformPatternsScalarSubqueryCountAsteriskGtZero",
          "isTransformPatternsScalarSubqueryCountExpressionGtZero",
          "isTransformPatternsSimplifyCaseAbbreviation",
          "isTransformPatternsTrigonometricFunctions",
          "isTransformPatternsTrim",
          "isTransformPatternsTrivialBitwiseOperations",
          "isTransformPatternsTrivialCaseAbbreviation",
          "isTransformPatternsTrivialPredicates",
          "isTransformPatternsUnnecessaryDistinct",
          "isTransformPatternsUnnecessaryExistsSubqueryClauses",
          "isTransformPatternsUnnecessaryGroupByExpressions",
          "isTransformPatternsUnnecessaryInnerJoin",
          "isTransformPatternsUnnecessaryOrderByExpressions",
          "isTransformPatternsUnnecessaryScalarSubquery",
          "isTransformPatternsUnreachableCaseClauses",
          "isTransformPatternsUnreachableDecodeClauses",
          "isTransformTableListsToAnsiJoin",
          "isUpdatablePrimaryKeys",
          "isUpdateRecordTimestamp",
          "isUpdateRecordVersion");

  /** True if {@link #GETTERS} are the getters of the {@code Settings} on the class path. */
  static final boolean COMPLETE = GETTERS.equals(getters());

  private static final @Nullable VarHandle INTERPRETER_SEARCH_PATH =
      listField("interpreterSearchPath");

  private static final @Nullable VarHandle MIGRATION_SCHEMATA = listField("migrationSchemata");

  private static final @Nullable VarHandle PARSE_SEARCH_PATH = listField("parseSearchPath");

  private SameSettings() {}

  /** The list field {@code name} of {@code Settings}; null if this class cannot reach it. */
  private static @Nullable VarHandle listField(String name) {
    try {
      return MethodHandles.privateLookupIn(Settings.class, MethodHandles.lookup())
          .findVarHandle(Settings.class, name, List.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Two list settings as jOOQ compares them: null and empty are the same. */
  private static boolean sameList(@Nullable Object a, @Nullable Object b) {
    return Objects.equals(a == null ? List.of() : a, b == null ? List.of() : b);
  }

  /** The public getters that {@link Settings} declares, by name. */
  static List<String> getters() {
    List<String> names = new ArrayList<>();
    for (Method method : Settings.class.getMethods()) {
      String name = method.getName();
      if (method.getDeclaringClass() == Settings.class
          && !Modifier.isStatic(method.getModifiers())
          && method.getParameterCount() == 0
          && (name.startsWith("get") || name.startsWith("is"))) {
        names.add(name);
      }
    }
    names.sort(Comparator.naturalOrder());
    return names;
  }

  /** True if {@code a} and {@code b} hold the same settings. */
  static boolean same(Settings a, Settings b) {
    if (a == b) {
      return true;
    }
    if (!COMPLETE || a.getClass() != Settings.class || b.getClass() != Settings.class) {
      return a.equals(b);
    }
    return part0(a, b)
        && part1(a, b)
        && part2(a, b)
        && part3(a, b)
        && part4(a, b)
        && part5(a, b)
        && part6(a, b);
  }

  private static boolean part0(Settings a, Settings b) {
    return Objects.equals(a.getBackslashEscaping(), b.getBackslashEscaping())
        && Objects.equals(a.getBatchSize(), b.getBatchSize())
        && Objects.equals(
            a.getCacheParsingConnectionLRUCacheSize(), b.getCacheParsingConnectionLRUCacheSize())
        && Objects.equals(
            a.getCacheRecordMappersLRUCacheSize(), b.getCacheRecordMappersLRUCacheSize())
        && Objects.equals(a.getDelimiter(), b.getDelimiter())
        && Objects.equals(a.getDiagnosticsConnection(), b.getDiagnosticsConnection())
        && Objects.equals(a.getEmulateMultiset(), b.getEmulateMultiset())
        && Objects.equals(a.getExecuteDeleteWithoutWhere(), b.getExecuteDeleteWithoutWhere())
        && Objects.equals(
            a.getExecuteListenerEndInvocationOrder(), b.getExecuteListenerEndInvocationOrder())
        && Objects.equals(
            a.getExecuteListenerStartInvocationOrder(), b.getExecuteListenerStartInvocationOrder())
        && Objects.equals(a.getExecuteUpdateWithoutWhere(), b.getExecuteUpdateWithoutWhere())
        && Objects.equals(a.getFetchIntermediateResult(), b.getFetchIntermediateResult())
        && Objects.equals(a.getFetchServerOutputSize(), b.getFetchServerOutputSize())
        && Objects.equals(a.getFetchSize(), b.getFetchSize())
        && Objects.equals(
            a.getFetchTriggerValuesAfterReturning(), b.getFetchTriggerValuesAfterReturning())
        && Objects.equals(a.getInListPadBase(), b.getInListPadBase())
        && Objects.equals(a.getInlineThreshold(), b.getInlineThreshold())
        && Objects.equals(a.getInterpreterDialect(), b.getInterpreterDialect())
        && Objects.equals(a.getInterpreterLocale(), b.getInterpreterLocale())
        && Objects.equals(
            a.getInterpreterNameLookupCaseSensitivity(),
            b.getInterpreterNameLookupCaseSensitivity())
        && Objects.equals(a.getInterpreterQuotedNames(), b.getInterpreterQuotedNames())
        && (INTERPRETER_SEARCH_PATH == null
            ? Objects.equals(a.getInterpreterSearchPath(), b.getInterpreterSearchPath())
            : sameList(INTERPRETER_SEARCH_PATH.get(a), INTERPRETER_SEARCH_PATH.get(b)))
        && Objects.equals(a.getInterpreterWithMetaLookups(), b.getInterpreterWithMetaLookups())
        && Objects.equals(a.getLargeMaxRows(), b.getLargeMaxRows())
        && Objects.equals(a.getLocale(), b.getLocale())
        && Objects.equals(a.getMaxRows(), b.getMaxRows())
        && Objects.equals(a.getMigrationDefaultContentType(), b.getMigrationDefaultContentType())
        && Objects.equals(a.getMigrationDefaultSchema(), b.getMigrationDefaultSchema())
        && Objects.equals(a.getMigrationHistorySchema(), b.getMigrationHistorySchema())
        && Objects.equals(
            a.getMigrationListenerEndInvocationOrder(), b.getMigrationListenerEndInvocationOrder())
        && Objects.equals(
            a.getMigrationListenerStartInvocationOrder(),
            b.getMigrationListenerStartInvocationOrder())
        && (MIGRATION_SCHEMATA == null
            ? Objects.equals(a.getMigrationSchemata(), b.getMigrationSchemata())
            : sameList(MIGRATION_SCHEMATA.get(a), MIGRATION_SCHEMATA.get(b)))
        && Objects.equals(a.getNameMaxLength(), b.getNameMaxLength())
        && Objects.equals(a.getNamePathSeparator(), b.getNamePathSeparator())
        && Objects.equals(a.getParamCastMode(), b.getParamCastMode())
        && Objects.equals(a.getParamType(), b.getParamType())
        && Objects.equals(
            a.getParseAppendMissingTableReferences(), b.getParseAppendMissingTableReferences())
        && Objects.equals(a.getParseDateFormat(), b.getParseDateFormat())
        && Objects.equals(a.getParseDialect(), b.getParseDialect())
        && Objects.equals(a.getParseIgnoreCommentStart(), b.getParseIgnoreCommentStart());
  }

  private static boolean part1(Settings a, Settings b) {
    return Objects.equals(a.getParseIgnoreCommentStop(), b.getParseIgnoreCommentStop())
        && Objects.equals(a.getParseLocale(), b.getParseLocale())
        && Objects.equals(a.getParseNameCase(), b.getParseNameCase())
        && Objects.equals(a.getParseNamedParamPrefix(), b.getParseNamedParamPrefix())
        && Objects.equals(
            a.getParsePlainSQLTemplateCommentStart(), b.getParsePlainSQLTemplateCommentStart())
        && Objects.equals(
            a.getParsePlainSQLTemplateCommentStop(), b.getParsePlainSQLTemplateCommentStop())
        && Objects.equals(a.getParseRawSQLCommentStart(), b.getParseRawSQLCommentStart())
        && Objects.equals(a.getParseRawSQLCommentStop(), b.getParseRawSQLCommentStop())
        && (PARSE_SEARCH_PATH == null
            ? Objects.equals(a.getParseSearchPath(), b.getParseSearchPath())
            : sameList(PARSE_SEARCH_PATH.get(a), PARSE_SEARCH_PATH.get(b)))
        && Objects.equals(a.getParseTimestampFormat(), b.getParseTimestampFormat())
        && Objects.equals(a.getParseUnknownFunctions(), b.getParseUnknownFunctions())
        && Objects.equals(a.getParseUnsupportedSyntax(), b.getParseUnsupportedSyntax())
        && Objects.equals(a.getParseWithMetaLookups(), b.getParseWithMetaLookups())
        && Objects.equals(a.getQueryPoolable(), b.getQueryPoolable())
        && Objects.equals(a.getQueryTimeout(), b.getQueryTimeout())
        && Objects.equals(a.getReadonlyInsert(), b.getReadonlyInsert())
        && Objects.equals(a.getReadonlyTableRecordInsert(), b.getReadonlyTableRecordInsert())
        && Objects.equals(
            a.getReadonlyUpdatableRecordUpdate(), b.getReadonlyUpdatableRecordUpdate())
        && Objects.equals(a.getReadonlyUpdate(), b.getReadonlyUpdate())
        && Objects.equals(a.getRecordDirtyTracking(), b.getRecordDirtyTracking())
        && Objects.equals(
            a.getRecordListenerEndInvocationOrder(), b.getRecordListenerEndInvocationOrder())
        && Objects.equals(
            a.getRecordListenerStartInvocationOrder(), b.getRecordListenerStartInvocationOrder())
        && Objects.equals(a.getRedact(), b.getRedact())
        && Objects.equals(a.getReflectionCacheLRUCacheSize(), b.getReflectionCacheLRUCacheSize())
        && Objects.equals(
            a.getRenderAutoAliasedDerivedTableExpressions(),
            b.getRenderAutoAliasedDerivedTableExpressions())
        && Objects.equals(a.getRenderDefaultNullability(), b.getRenderDefaultNullability())
        && Objects.equals(
            a.getRenderDollarQuotedStringToken(), b.getRenderDollarQuotedStringToken())
        && Objects.equals(a.getRenderFormatting(), b.getRenderFormatting())
        && Objects.equals(a.getRenderImplicitJoinToManyType(), b.getRenderImplicitJoinToManyType())
        && Objects.equals(a.getRenderImplicitJoinType(), b.getRenderImplicitJoinType())
        && Objects.equals(a.getRenderImplicitWindowRange(), b.getRenderImplicitWindowRange())
        && Objects.equals(a.getRenderKeywordCase(), b.getRenderKeywordCase())
        && Objects.equals(a.getRenderKeywordStyle(), b.getRenderKeywordStyle())
        && Objects.equals(a.getRenderLocale(), b.getRenderLocale())
        && Objects.equals(a.getRenderMapping(), b.getRenderMapping())
        && Objects.equals(a.getRenderNameCase(), b.getRenderNameCase())
        && Objects.equals(a.getRenderNameStyle(), b.getRenderNameStyle())
        && Objects.equals(a.getRenderNamedParamPrefix(), b.getRenderNamedParamPrefix())
        && Objects.equals(
            a.getRenderOptionalAsKeywordForFieldAliases(),
            b.getRenderOptionalAsKeywordForFieldAliases())
        && Objects.equals(
            a.getRenderOptionalAsKeywordForTableAliases(),
            b.getRenderOptionalAsKeywordForTableAliases());
  }

  private static boolean part2(Settings a, Settings b) {
    return Objects.equals(
            a.getRenderOptionalAssociativityParentheses(),
            b.getRenderOptionalAssociativityParentheses())
        && Objects.equals(a.getRenderOptionalInnerKeyword(), b.getRenderOptionalInnerKeyword())
        && Objects.equals(a.getRenderOptionalOuterKeyword(), b.getRenderOptionalOuterKeyword())
        && Objects.equals(a.getRenderQuotedNames(), b.getRenderQuotedNames())
        && Objects.equals(a.getRenderTable(), b.getRenderTable())
        && Objects.equals(a.getStatementType(), b.getStatementType())
        && Objects.equals(a.getThrowExceptions(), b.getThrowExceptions())
        && Objects.equals(
            a.getTransactionListenerEndInvocationOrder(),
            b.getTransactionListenerEndInvocationOrder())
        && Objects.equals(
            a.getTransactionListenerStartInvocationOrder(),
            b.getTransactionListenerStartInvocationOrder())
        && Objects.equals(a.getTransformGroupByColumnIndex(), b.getTransformGroupByColumnIndex())
        && Objects.equals(
            a.getTransformInConditionSubqueryWithLimitToDerivedTable(),
            b.getTransformInConditionSubqueryWithLimitToDerivedTable())
        && Objects.equals(a.getTransformInlineCTE(), b.getTransformInlineCTE())
        && Objects.equals(a.getTransformQualify(), b.getTransformQualify())
        && Objects.equals(a.getTransformRownum(), b.getTransformRownum())
        && Objects.equals(
            a.getTransformUnneededArithmeticExpressions(),
            b.getTransformUnneededArithmeticExpressions())
        && Objects.equals(a.getUpdateUnchangedRecords(), b.getUpdateUnchangedRecords())
        && Objects.equals(
            a.getVisitListenerEndInvocationOrder(), b.getVisitListenerEndInvocationOrder())
        && Objects.equals(
            a.getVisitListenerStartInvocationOrder(), b.getVisitListenerStartInvocationOrder())
        && Objects.equals(
            a.getWarnOnStaticTypeRegistryAccess(), b.getWarnOnStaticTypeRegistryAccess())
        && Objects.equals(a.isApplyWorkaroundFor7962(), b.isApplyWorkaroundFor7962())
        && Objects.equals(a.isAttachRecords(), b.isAttachRecords())
        && Objects.equals(a.isBindLocalTimeType(), b.isBindLocalTimeType())
        && Objects.equals(a.isBindOffsetDateTimeType(), b.isBindOffsetDateTimeType())
        && Objects.equals(a.isBindOffsetTimeType(), b.isBindOffsetTimeType())
        && Objects.equals(a.isCacheParsingConnection(), b.isCacheParsingConnection())
        && Objects.equals(
            a.isCachePreparedStatementInLoader(), b.isCachePreparedStatementInLoader())
        && Objects.equals(a.isCacheRecordMappers(), b.isCacheRecordMappers())
        && Objects.equals(a.isComputedOnClientStored(), b.isComputedOnClientStored())
        && Objects.equals(a.isComputedOnClientVirtual(), b.isComputedOnClientVirtual())
        && Objects.equals(a.isDebugInfoOnStackTrace(), b.isDebugInfoOnStackTrace())
        && Objects.equals(
            a.isDiagnosticsConcatenationInPredicate(), b.isDiagnosticsConcatenationInPredicate())
        && Objects.equals(
            a.isDiagnosticsConsecutiveAggregation(), b.isDiagnosticsConsecutiveAggregation())
        && Objects.equals(
            a.isDiagnosticsDuplicateStatements(), b.isDiagnosticsDuplicateStatements())
        && Objects.equals(
            a.isDiagnosticsDuplicateStatementsUsingTransformPatterns(),
            b.isDiagnosticsDuplicateStatementsUsingTransformPatterns())
        && Objects.equals(a.isDiagnosticsIncompleteEquiJoin(), b.isDiagnosticsIncompleteEquiJoin())
        && Objects.equals(a.isDiagnosticsLogging(), b.isDiagnosticsLogging())
        && Objects.equals(a.isDiagnosticsMissingWasNullCall(), b.isDiagnosticsMissingWasNullCall())
        && Objects.equals(a.isDiagnosticsNullCondition(), b.isDiagnosticsNullCondition())
        && Objects.equals(a.isDiagnosticsPatterns(), b.isDiagnosticsPatterns())
        && Objects.equals(
            a.isDiagnosticsPossiblyWrongExpression(), b.isDiagnosticsPossiblyWrongExpression());
  }

  private static boolean part3(Settings a, Settings b) {
    return Objects.equals(a.isDiagnosticsRepeatedStatements(), b.isDiagnosticsRepeatedStatements())
        && Objects.equals(
            a.isDiagnosticsTooManyColumnsFetched(), b.isDiagnosticsTooManyColumnsFetched())
        && Objects.equals(a.isDiagnosticsTooManyRowsFetched(), b.isDiagnosticsTooManyRowsFetched())
        && Objects.equals(a.isDiagnosticsTrivialCondition(), b.isDiagnosticsTrivialCondition())
        && Objects.equals(
            a.isDiagnosticsUnnecessaryWasNullCall(), b.isDiagnosticsUnnecessaryWasNullCall())
        && Objects.equals(a.isEmulateComputedColumns(), b.isEmulateComputedColumns())
        && Objects.equals(
            a.isEmulateNestedRecordProjectionsUsingMultisetEmulation(),
            b.isEmulateNestedRecordProjectionsUsingMultisetEmulation())
        && Objects.equals(
            a.isEmulateOnDuplicateKeyUpdateOnPrimaryKeyOnly(),
            b.isEmulateOnDuplicateKeyUpdateOnPrimaryKeyOnly())
        && Objects.equals(a.isExecuteLogging(), b.isExecuteLogging())
        && Objects.equals(a.isExecuteLoggingSQLExceptions(), b.isExecuteLoggingSQLExceptions())
        && Objects.equals(a.isExecuteWithOptimisticLocking(), b.isExecuteWithOptimisticLocking())
        && Objects.equals(
            a.isExecuteWithOptimisticLockingExcludeUnversioned(),
            b.isExecuteWithOptimisticLockingExcludeUnversioned())
        && Objects.equals(
            a.isFetchTriggerValuesAfterSQLServerOutput(),
            b.isFetchTriggerValuesAfterSQLServerOutput())
        && Objects.equals(a.isFetchTrimmedCharValues(), b.isFetchTrimmedCharValues())
        && Objects.equals(a.isFetchWarnings(), b.isFetchWarnings())
        && Objects.equals(
            a.isForceIntegerTypesOnZeroScaleDecimals(), b.isForceIntegerTypesOnZeroScaleDecimals())
        && Objects.equals(a.isInListPadding(), b.isInListPadding())
        && Objects.equals(a.isInsertUnchangedRecords(), b.isInsertUnchangedRecords())
        && Objects.equals(
            a.isInterpreterDelayForeignKeyDeclarations(),
            b.isInterpreterDelayForeignKeyDeclarations())
        && Objects.equals(a.isMapConstructorParameterNames(), b.isMapConstructorParameterNames())
        && Objects.equals(
            a.isMapConstructorParameterNamesInKotlin(), b.isMapConstructorParameterNamesInKotlin())
        && Objects.equals(
            a.isMapConstructorPropertiesParameterNames(),
            b.isMapConstructorPropertiesParameterNames())
        && Objects.equals(a.isMapJPAAnnotations(), b.isMapJPAAnnotations())
        && Objects.equals(
            a.isMapRecordComponentParameterNames(), b.isMapRecordComponentParameterNames())
        && Objects.equals(a.isMetaIncludeSystemIndexes(), b.isMetaIncludeSystemIndexes())
        && Objects.equals(a.isMetaIncludeSystemSequences(), b.isMetaIncludeSystemSequences())
        && Objects.equals(a.isMigrationAllowInvalidCommits(), b.isMigrationAllowInvalidCommits())
        && Objects.equals(a.isMigrationAllowRename(), b.isMigrationAllowRename())
        && Objects.equals(a.isMigrationAllowRenameColumns(), b.isMigrationAllowRenameColumns())
        && Objects.equals(
            a.isMigrationAllowRenameConstraints(), b.isMigrationAllowRenameConstraints())
        && Objects.equals(a.isMigrationAllowRenameIndexes(), b.isMigrationAllowRenameIndexes())
        && Objects.equals(a.isMigrationAllowRenameTables(), b.isMigrationAllowRenameTables())
        && Objects.equals(a.isMigrationAllowUndo(), b.isMigrationAllowUndo())
        && Objects.equals(a.isMigrationAutoVerification(), b.isMigrationAutoVerification())
        && Objects.equals(
            a.isMigrationHistorySchemaCreateSchemaIfNotExists(),
            b.isMigrationHistorySchemaCreateSchemaIfNotExists())
        && Objects.equals(
            a.isMigrationIgnoreDefaultTimestampPrecisionDiffs(),
            b.isMigrationIgnoreDefaultTimestampPrecisionDiffs())
        && Objects.equals(
            a.isMigrationIgnoreImplicitPrimaryKeyNotNullConstraints(),
            b.isMigrationIgnoreImplicitPrimaryKeyNotNullConstraints())
        && Objects.equals(
            a.isMigrationIgnoreUnnamedConstraintDiffs(),
            b.isMigrationIgnoreUnnamedConstraintDiffs())
        && Objects.equals(a.isMigrationIgnoreUnparsedDiffs(), b.isMigrationIgnoreUnparsedDiffs())
        && Objects.equals(a.isMigrationRevertUntracked(), b.isMigrationRevertUntracked());
  }

  private static boolean part4(Settings a, Settings b) {
    return Objects.equals(
            a.isMigrationSchemataCreateSchemaIfNotExists(),
            b.isMigrationSchemataCreateSchemaIfNotExists())
        && Objects.equals(
            a.isNameAutoAliasingIfMaxLengthExceeded(), b.isNameAutoAliasingIfMaxLengthExceeded())
        && Objects.equals(a.isParseIgnoreComments(), b.isParseIgnoreComments())
        && Objects.equals(
            a.isParseIgnoreCommercialOnlyFeatures(), b.isParseIgnoreCommercialOnlyFeatures())
        && Objects.equals(a.isParseMetaDefaultExpressions(), b.isParseMetaDefaultExpressions())
        && Objects.equals(a.isParseMetaViewSources(), b.isParseMetaViewSources())
        && Objects.equals(a.isParsePlainSQLTemplateComments(), b.isParsePlainSQLTemplateComments())
        && Objects.equals(a.isParseRawSQLComments(), b.isParseRawSQLComments())
        && Objects.equals(
            a.isParseRetainCommentsBetweenQueries(), b.isParseRetainCommentsBetweenQueries())
        && Objects.equals(a.isParseSetCommands(), b.isParseSetCommands())
        && Objects.equals(a.isReflectionCaching(), b.isReflectionCaching())
        && Objects.equals(a.isRenderCatalog(), b.isRenderCatalog())
        && Objects.equals(
            a.isRenderCoalesceToEmptyStringInConcat(), b.isRenderCoalesceToEmptyStringInConcat())
        && Objects.equals(a.isRenderFormatted(), b.isRenderFormatted())
        && Objects.equals(
            a.isRenderGroupConcatMaxLenSessionVariable(),
            b.isRenderGroupConcatMaxLenSessionVariable())
        && Objects.equals(
            a.isRenderNullifEmptyStringForBindValues(), b.isRenderNullifEmptyStringForBindValues())
        && Objects.equals(
            a.isRenderOrderByRownumberForEmulatedPagination(),
            b.isRenderOrderByRownumberForEmulatedPagination())
        && Objects.equals(
            a.isRenderOutputForSQLServerReturningClause(),
            b.isRenderOutputForSQLServerReturningClause())
        && Objects.equals(
            a.isRenderParenthesisAroundSetOperationQueries(),
            b.isRenderParenthesisAroundSetOperationQueries())
        && Objects.equals(a.isRenderPlainSQLTemplatesAsRaw(), b.isRenderPlainSQLTemplatesAsRaw())
        && Objects.equals(
            a.isRenderRedundantConditionForSeekClause(),
            b.isRenderRedundantConditionForSeekClause())
        && Objects.equals(
            a.isRenderRowConditionForSeekClause(), b.isRenderRowConditionForSeekClause())
        && Objects.equals(
            a.isRenderScalarSubqueriesForStoredFunctions(),
            b.isRenderScalarSubqueriesForStoredFunctions())
        && Objects.equals(a.isRenderSchema(), b.isRenderSchema())
        && Objects.equals(
            a.isRenderVariablesInDerivedTablesForEmulations(),
            b.isRenderVariablesInDerivedTablesForEmulations())
        && Objects.equals(a.isReturnAllOnUpdatableRecord(), b.isReturnAllOnUpdatableRecord())
        && Objects.equals(
            a.isReturnComputedOnUpdatableRecord(), b.isReturnComputedOnUpdatableRecord())
        && Objects.equals(
            a.isReturnDefaultOnUpdatableRecord(), b.isReturnDefaultOnUpdatableRecord())
        && Objects.equals(
            a.isReturnIdentityOnUpdatableRecord(), b.isReturnIdentityOnUpdatableRecord())
        && Objects.equals(a.isReturnRecordToPojo(), b.isReturnRecordToPojo())
        && Objects.equals(a.isTransformAnsiJoinToTableLists(), b.isTransformAnsiJoinToTableLists())
        && Objects.equals(
            a.isTransformInlineBindValuesForFieldComparisons(),
            b.isTransformInlineBindValuesForFieldComparisons())
        && Objects.equals(a.isTransformPatterns(), b.isTransformPatterns())
        && Objects.equals(a.isTransformPatternsAndNeToNotIn(), b.isTransformPatternsAndNeToNotIn())
        && Objects.equals(
            a.isTransformPatternsArithmeticComparisons(),
            b.isTransformPatternsArithmeticComparisons())
        && Objects.equals(
            a.isTransformPatternsArithmeticExpressions(),
            b.isTransformPatternsArithmeticExpressions())
        && Objects.equals(a.isTransformPatternsBitGet(), b.isTransformPatternsBitGet())
        && Objects.equals(
            a.isTransformPatternsBitNotBitNand(), b.isTransformPatternsBitNotBitNand())
        && Objects.equals(a.isTransformPatternsBitNotBitNor(), b.isTransformPatternsBitNotBitNor())
        && Objects.equals(a.isTransformPatternsBitNotBitNot(), b.isTransformPatternsBitNotBitNot());
  }

  private static boolean part5(Settings a, Settings b) {
    return Objects.equals(
            a.isTransformPatternsBitNotBitXNor(), b.isTransformPatternsBitNotBitXNor())
        && Objects.equals(a.isTransformPatternsBitSet(), b.isTransformPatternsBitSet())
        && Objects.equals(
            a.isTransformPatternsCaseDistinctToDecode(),
            b.isTransformPatternsCaseDistinctToDecode())
        && Objects.equals(a.isTransformPatternsCaseElseNull(), b.isTransformPatternsCaseElseNull())
        && Objects.equals(
            a.isTransformPatternsCaseMergeWhenElse(), b.isTransformPatternsCaseMergeWhenElse())
        && Objects.equals(
            a.isTransformPatternsCaseMergeWhenWhen(), b.isTransformPatternsCaseMergeWhenWhen())
        && Objects.equals(
            a.isTransformPatternsCaseSearchedToCaseSimple(),
            b.isTransformPatternsCaseSearchedToCaseSimple())
        && Objects.equals(
            a.isTransformPatternsCaseToCaseAbbreviation(),
            b.isTransformPatternsCaseToCaseAbbreviation())
        && Objects.equals(
            a.isTransformPatternsCountConstant(), b.isTransformPatternsCountConstant())
        && Objects.equals(
            a.isTransformPatternsCountDistinctMultipleRedundant(),
            b.isTransformPatternsCountDistinctMultipleRedundant())
        && Objects.equals(
            a.isTransformPatternsDistinctFromNull(), b.isTransformPatternsDistinctFromNull())
        && Objects.equals(
            a.isTransformPatternsEmptyScalarSubquery(), b.isTransformPatternsEmptyScalarSubquery())
        && Objects.equals(a.isTransformPatternsFlattenCase(), b.isTransformPatternsFlattenCase())
        && Objects.equals(
            a.isTransformPatternsFlattenCaseAbbreviation(),
            b.isTransformPatternsFlattenCaseAbbreviation())
        && Objects.equals(
            a.isTransformPatternsFlattenDecode(), b.isTransformPatternsFlattenDecode())
        && Objects.equals(
            a.isTransformPatternsHyperbolicFunctions(), b.isTransformPatternsHyperbolicFunctions())
        && Objects.equals(
            a.isTransformPatternsIdempotentFunctionRepetition(),
            b.isTransformPatternsIdempotentFunctionRepetition())
        && Objects.equals(
            a.isTransformPatternsInverseHyperbolicFunctions(),
            b.isTransformPatternsInverseHyperbolicFunctions())
        && Objects.equals(
            a.isTransformPatternsLogarithmicFunctions(),
            b.isTransformPatternsLogarithmicFunctions())
        && Objects.equals(a.isTransformPatternsLogging(), b.isTransformPatternsLogging())
        && Objects.equals(
            a.isTransformPatternsMergeAndComparison(), b.isTransformPatternsMergeAndComparison())
        && Objects.equals(
            a.isTransformPatternsMergeBetweenSymmetricPredicates(),
            b.isTransformPatternsMergeBetweenSymmetricPredicates())
        && Objects.equals(a.isTransformPatternsMergeInLists(), b.isTransformPatternsMergeInLists())
        && Objects.equals(
            a.isTransformPatternsMergeOrComparison(), b.isTransformPatternsMergeOrComparison())
        && Objects.equals(
            a.isTransformPatternsMergeRangePredicates(),
            b.isTransformPatternsMergeRangePredicates())
        && Objects.equals(a.isTransformPatternsNegNeg(), b.isTransformPatternsNegNeg())
        && Objects.equals(
            a.isTransformPatternsNormaliseAssociativeOps(),
            b.isTransformPatternsNormaliseAssociativeOps())
        && Objects.equals(
            a.isTransformPatternsNormaliseCoalesceToNvl(),
            b.isTransformPatternsNormaliseCoalesceToNvl())
        && Objects.equals(
            a.isTransformPatternsNormaliseFieldCompareValue(),
            b.isTransformPatternsNormaliseFieldCompareValue())
        && Objects.equals(
            a.isTransformPatternsNormaliseInListSingleElementToComparison(),
            b.isTransformPatternsNormaliseInListSingleElementToComparison())
        && Objects.equals(a.isTransformPatternsNotAnd(), b.isTransformPatternsNotAnd())
        && Objects.equals(
            a.isTransformPatternsNotComparison(), b.isTransformPatternsNotComparison())
        && Objects.equals(a.isTransformPatternsNotNot(), b.isTransformPatternsNotNot())
        && Objects.equals(
            a.isTransformPatternsNotNotDistinct(), b.isTransformPatternsNotNotDistinct())
        && Objects.equals(a.isTransformPatternsNotOr(), b.isTransformPatternsNotOr())
        && Objects.equals(
            a.isTransformPatternsNullOnNullInput(), b.isTransformPatternsNullOnNullInput())
        && Objects.equals(a.isTransformPatternsOrEqToIn(), b.isTransformPatternsOrEqToIn())
        && Objects.equals(
            a.isTransformPatternsScalarSubqueryCountAsteriskGtZero(),
            b.isTransformPatternsScalarSubqueryCountAsteriskGtZero())
        && Objects.equals(
            a.isTransformPatternsScalarSubqueryCountExpressionGtZero(),
            b.isTransformPatternsScalarSubqueryCountExpressionGtZero())
        && Objects.equals(
            a.isTransformPatternsSimplifyCaseAbbreviation(),
            b.isTransformPatternsSimplifyCaseAbbreviation());
  }

  private static boolean part6(Settings a, Settings b) {
    return Objects.equals(
            a.isTransformPatternsTrigonometricFunctions(),
            b.isTransformPatternsTrigonometricFunctions())
        && Objects.equals(a.isTransformPatternsTrim(), b.isTransformPatternsTrim())
        && Objects.equals(
            a.isTransformPatternsTrivialBitwiseOperations(),
            b.isTransformPatternsTrivialBitwiseOperations())
        && Objects.equals(
            a.isTransformPatternsTrivialCaseAbbreviation(),
            b.isTransformPatternsTrivialCaseAbbreviation())
        && Objects.equals(
            a.isTransformPatternsTrivialPredicates(), b.isTransformPatternsTrivialPredicates())
        && Objects.equals(
            a.isTransformPatternsUnnecessaryDistinct(), b.isTransformPatternsUnnecessaryDistinct())
        && Objects.equals(
            a.isTransformPatternsUnnecessaryExistsSubqueryClauses(),
            b.isTransformPatternsUnnecessaryExistsSubqueryClauses())
        && Objects.equals(
            a.isTransformPatternsUnnecessaryGroupByExpressions(),
            b.isTransformPatternsUnnecessaryGroupByExpressions())
        && Objects.equals(
            a.isTransformPatternsUnnecessaryInnerJoin(),
            b.isTransformPatternsUnnecessaryInnerJoin())
        && Objects.equals(
            a.isTransformPatternsUnnecessaryOrderByExpressions(),
            b.isTransformPatternsUnnecessaryOrderByExpressions())
        && Objects.equals(
            a.isTransformPatternsUnnecessaryScalarSubquery(),
            b.isTransformPatternsUnnecessaryScalarSubquery())
        && Objects.equals(
            a.isTransformPatternsUnreachableCaseClauses(),
            b.isTransformPatternsUnreachableCaseClauses())
        && Objects.equals(
            a.isTransformPatternsUnreachableDecodeClauses(),
            b.isTransformPatternsUnreachableDecodeClauses())
        && Objects.equals(a.isTransformTableListsToAnsiJoin(), b.isTransformTableListsToAnsiJoin())
        && Objects.equals(a.isUpdatablePrimaryKeys(), b.isUpdatablePrimaryKeys())
        && Objects.equals(a.isUpdateRecordTimestamp(), b.isUpdateRecordTimestamp())
        && Objects.equals(a.isUpdateRecordVersion(), b.isUpdateRecordVersion());
  }
}

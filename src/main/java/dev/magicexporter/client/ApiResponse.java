package dev.magicexporter.client;

import dev.magicexporter.model.ApiMessage;
import dev.magicexporter.model.ResultInfo;
import java.util.List;

/** A successful v4 envelope with its decoded {@code result}. */
public record ApiResponse<T>(
    int status, T result, ResultInfo resultInfo, List<ApiMessage> errors, List<ApiMessage> messages) {}

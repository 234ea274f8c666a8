// Exposes the WeChat OpenSDK (Objective-C) to the app's Swift, for WXApiAdapter.swift.
#import "WXApi.h"

// Unit `narrow` emitted by rust-hdl 0.46 via mlp-rtl (default config). Do not edit.
// Every register starts at 0 through an `initial` statement (fine for simulation and iCE40).


module top(clock,acc_in,rnd,value_out,sat);
    
    // Module arguments
    input wire  clock;
    input wire signed [31:0] acc_in;
    input wire  [31:0] rnd;
    output reg signed [15:0] value_out;
    output reg  sat;
    
    // Constant declarations
    localparam  shift_c = 32'hc;
    localparam  fill_c = 32'hfff00000;
    localparam  rem_mask_c = 32'hfff;
    localparam  half_c = 32'h800;
    localparam  rshift_c = 32'h0;
    localparam  rmask_c = 32'hfff;
    localparam  one_c = 32'h1;
    localparam  sign_c = 32'h80000000;
    localparam  max_biased_c = 32'h80007fff;
    localparam  min_biased_c = 32'h7fff8000;
    localparam  max16_c = 16'h7fff;
    localparam  min16_c = 16'h8000;
    localparam  nearest_c = 1'b1;
    localparam  stochastic_c = 1'b0;
    
    // Stub signals
    reg signed [15:0] value_q$d;
    wire signed [15:0] value_q$q;
    reg  value_q$clock;
    reg  sat_q$d;
    wire  sat_q$q;
    reg  sat_q$clock;
    
    // Local signals
    reg  [31:0] x_bits;
    reg  [31:0] q;
    reg  [31:0] rem;
    reg  [31:0] rem_top;
    reg  [31:0] rthr;
    reg  up;
    reg  [31:0] rounded;
    reg  [31:0] biased;
    reg  [15:0] res;
    
    // Sub module instances
    top$value_q value_q(
        .d(value_q$d),
        .q(value_q$q),
        .clock(value_q$clock)
    );
    top$sat_q sat_q(
        .d(sat_q$d),
        .q(sat_q$q),
        .clock(sat_q$clock)
    );
    
    // Update code
    always @(*) begin
        value_q$clock = clock;
        sat_q$clock = clock;
        value_q$d = value_q$q;
        sat_q$d = sat_q$q;
        x_bits = $unsigned(acc_in);
        if (x_bits[32'h1f]) begin
            q = (x_bits >> shift_c) | fill_c;
        end
        else begin
            q = x_bits >> shift_c;
        end
        rem = x_bits & rem_mask_c;
        rem_top = rem >> rshift_c;
        rthr = rnd & rmask_c;
        if (nearest_c) begin
            up = (rem > half_c) | ((rem == half_c) & q[32'h0]);
        end
        else if (stochastic_c) begin
            up = rem_top > rthr;
        end
        else begin
            up = 1'b0;
        end
        if (up) begin
            rounded = q + one_c;
        end
        else begin
            rounded = q;
        end
        biased = rounded ^ sign_c;
        sat_q$d = 1'b1;
        if (biased > max_biased_c) begin
            res = max16_c;
        end
        else if (biased < min_biased_c) begin
            res = min16_c;
        end
        else begin
            res = rounded[(32'h0)+:(16)];
            sat_q$d = 1'b0;
        end
        value_q$d = $signed(res);
        value_out = value_q$q;
        sat = sat_q$q;
    end
    
endmodule // top


module top$sat_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$sat_q


module top$value_q(d,q,clock);
    
    // Module arguments
    input wire signed [15:0] d;
    output reg signed [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$value_q
